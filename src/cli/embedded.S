/* The default gazetteer, compiled at build time from gazetteer/data/default
 * (see CMakeLists.txt), linked in as read-only bytes. */
    .section .rodata
    .balign 64
    .globl gm_embedded_gazetteer
gm_embedded_gazetteer:
    .incbin GEOMAP_DEFAULT_INDEX
    .globl gm_embedded_gazetteer_end
gm_embedded_gazetteer_end:
    .byte 0
    .section .note.GNU-stack,"",@progbits
