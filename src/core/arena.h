/* A bump allocator for per-article data: tokens, candidates, mentions.
 * Everything allocated from it is freed at once by gm_arena_reset (between
 * articles, keeping the memory for reuse) or gm_arena_free. Not thread-safe:
 * one arena per worker. Allocation never fails (gm_x* underneath). */
#ifndef GM_CORE_ARENA_H
#define GM_CORE_ARENA_H

#include <stddef.h>

typedef struct gm_arena_chunk gm_arena_chunk;

typedef struct gm_arena {
    gm_arena_chunk *head;  /* chunk being filled */
    gm_arena_chunk *spare; /* chunks kept by reset for reuse */
} gm_arena;

#define GM_ARENA_INIT { NULL, NULL }

/* Returns size bytes aligned for any type, owned by the arena. */
void *gm_arena_alloc(gm_arena *arena, size_t size);
/* Same, zero-filled. */
void *gm_arena_calloc(gm_arena *arena, size_t count, size_t size);
/* Room for element n of an array of *cap elements of size bytes kept in
 * the arena: v itself while n < *cap, else a copy of its first n elements
 * in twice the room (first elements when *cap is 0), *cap updated; the old
 * copy goes with the arena's next reset. */
void *gm_arena_grow(gm_arena *arena, void *v, size_t n, size_t *cap,
                    size_t size, size_t first);
/* Copies len bytes and a NUL; owned by the arena. */
char *gm_arena_strndup(gm_arena *arena, const char *s, size_t len);
/* Frees everything allocated since the last reset; keeps the chunks. */
void gm_arena_reset(gm_arena *arena);
/* Releases all memory. Accepts NULL. */
void gm_arena_free(gm_arena *arena);

#endif
