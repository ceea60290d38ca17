/* The lazy binding of GDAL (see gdal_lazy.h): a stub for each function of
 * gdal_symbols.h, with GDAL's prototype, that calls the real function
 * through a pointer. The first call of any stub loads libgdal
 * (GM_GDAL_LIBRARY, set by CMake) and looks every pointer up, once
 * (pthread_once); when that fails, geomap says which library and why, and
 * exits: nothing can be written without GDAL. Which calls reach GDAL, and
 * so whether a run loads it, is export.c's affair. */
#include "exports/gdal_lazy.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#ifndef GM_GDAL_LIBRARY
#error "GM_GDAL_LIBRARY (the libgdal to load) is set by CMakeLists.txt"
#endif

_Static_assert(sizeof(void (*)(void)) == sizeof(void *),
               "dlsym hands functions back as void *");

/* The real functions, by name. */
static struct {
#define GM_GDAL_FN(ret, name, params, args) ret(*name) params;
#define GM_GDAL_VOID(name, params, args) void(*name) params;
#include "exports/gdal_symbols.h"
#undef GM_GDAL_FN
#undef GM_GDAL_VOID
} real;

static pthread_once_t once = PTHREAD_ONCE_INIT;
/* Set once every pointer of real is filled: the stubs' fast path. */
static atomic_bool loaded;

static void fail(const char *what)
{
    fprintf(stderr, "geomap: cannot load GDAL (%s): %s\n", GM_GDAL_LIBRARY,
            what && *what ? what : "no reason given");
    exit(GM_GDAL_LAZY_EXIT);
}

/* RTLD_GLOBAL, as when the executable linked it: GDAL's plugins and the
 * libraries it loads itself see its symbols. Never closed. */
static void load(void)
{
    void *lib = dlopen(GM_GDAL_LIBRARY, RTLD_LAZY | RTLD_GLOBAL);
    if (!lib)
        fail(dlerror());
    void *p;
#define GM_GDAL_FN(ret, name, params, args)                                  \
    if (!(p = dlsym(lib, #name)))                                            \
        fail(dlerror());                                                     \
    memcpy(&real.name, &p, sizeof p);
#define GM_GDAL_VOID(name, params, args) GM_GDAL_FN(void, name, params, args)
#include "exports/gdal_symbols.h"
#undef GM_GDAL_FN
#undef GM_GDAL_VOID
    atomic_store_explicit(&loaded, true, memory_order_release);
}

static inline void bind_gdal(void)
{
    if (!atomic_load_explicit(&loaded, memory_order_acquire))
        pthread_once(&once, load);
}

#define GM_GDAL_FN(ret, name, params, args)                                  \
    ret name params                                                          \
    {                                                                        \
        bind_gdal();                                                         \
        return real.name args;                                               \
    }
#define GM_GDAL_VOID(name, params, args)                                     \
    void name params                                                         \
    {                                                                        \
        bind_gdal();                                                         \
        real.name args;                                                      \
    }
#include "exports/gdal_symbols.h"
#undef GM_GDAL_FN
#undef GM_GDAL_VOID

bool gm_gdal_loaded(void)
{
    return atomic_load_explicit(&loaded, memory_order_acquire);
}

const char *gm_gdal_library(void)
{
    return GM_GDAL_LIBRARY;
}
