/* Arena: a list of chunks, each filled front to back. */
#include "core/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#define CHUNK_MIN_BYTES (64 * 1024)
#define ALIGN_BYTES (alignof(max_align_t))

/* Under AddressSanitizer every allocation is followed by a poisoned gap and
 * free space stays poisoned, so writing past an arena block is reported
 * like a heap overflow. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define REDZONE_BYTES ALIGN_BYTES
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define REDZONE_BYTES 0
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

struct gm_arena_chunk {
    gm_arena_chunk *next;
    size_t size; /* usable bytes in data */
    size_t used;
    alignas(max_align_t) unsigned char data[];
};

static gm_arena_chunk *new_chunk(size_t need)
{
    size_t size = need > CHUNK_MIN_BYTES ? need : CHUNK_MIN_BYTES;
    gm_arena_chunk *chunk = gm_xmalloc(sizeof *chunk + size);
    chunk->next = NULL;
    chunk->size = size;
    chunk->used = 0;
    POISON(chunk->data, size);
    return chunk;
}

void *gm_arena_alloc(gm_arena *arena, size_t size)
{
    size_t rounded =
        (size + REDZONE_BYTES + ALIGN_BYTES - 1) & ~(ALIGN_BYTES - 1);
    if (rounded < size)
        rounded = SIZE_MAX; /* overflow: let gm_xmalloc report it */
    gm_arena_chunk *chunk = arena->head;
    if (!chunk || chunk->size - chunk->used < rounded) {
        /* Reuse a spare chunk when it is big enough, else make one. */
        gm_arena_chunk *fresh = NULL;
        if (arena->spare && arena->spare->size >= rounded) {
            fresh = arena->spare;
            arena->spare = fresh->next;
            fresh->used = 0;
        } else {
            fresh = new_chunk(rounded);
        }
        fresh->next = arena->head;
        arena->head = fresh;
        chunk = fresh;
    }
    void *p = chunk->data + chunk->used;
    chunk->used += rounded;
    UNPOISON(p, size);
    return p;
}

void *gm_arena_calloc(gm_arena *arena, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return gm_xcalloc(count, size); /* reports the overflow */
    void *p = gm_arena_alloc(arena, count * size);
    memset(p, 0, count * size);
    return p;
}

void *gm_arena_grow(gm_arena *arena, void *v, size_t n, size_t *cap,
                    size_t size, size_t first)
{
    if (n < *cap)
        return v;
    size_t new_cap = *cap ? *cap * 2 : first;
    if (size && new_cap > SIZE_MAX / size)
        return gm_xcalloc(new_cap, size); /* reports the overflow */
    void *bigger = gm_arena_alloc(arena, new_cap * size);
    if (n)
        memcpy(bigger, v, n * size);
    *cap = new_cap;
    return bigger;
}

char *gm_arena_strndup(gm_arena *arena, const char *s, size_t len)
{
    char *copy = gm_arena_alloc(arena, len + 1);
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

void gm_arena_reset(gm_arena *arena)
{
    while (arena->head) {
        gm_arena_chunk *chunk = arena->head;
        arena->head = chunk->next;
        POISON(chunk->data, chunk->size);
        chunk->next = arena->spare;
        arena->spare = chunk;
    }
}

static void free_list(gm_arena_chunk *chunk)
{
    while (chunk) {
        gm_arena_chunk *next = chunk->next;
        UNPOISON(chunk->data, chunk->size);
        free(chunk);
        chunk = next;
    }
}

void gm_arena_free(gm_arena *arena)
{
    if (!arena)
        return;
    free_list(arena->head);
    free_list(arena->spare);
    arena->head = arena->spare = NULL;
}
