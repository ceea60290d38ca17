# One warnings policy, applied target by target (libswiftnav habit).
function(geomap_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wpointer-arith -Wformat=2 -Wvla)
  if(GEOMAP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
