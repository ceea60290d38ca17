/* gm_x* allocators and the replaceable out-of-memory hook (redis zmalloc). */
#include "core/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void default_oom(size_t bytes)
{
    (void)bytes;
    abort();
}

static gm_oom_handler oom_handler = default_oom;

void gm_set_oom_handler(gm_oom_handler handler)
{
    oom_handler = handler ? handler : default_oom;
}

static void *checked(void *p, size_t bytes)
{
    if (!p && bytes) {
        oom_handler(bytes);
        abort(); /* a hook must not return */
    }
    return p;
}

void *gm_xmalloc(size_t size)
{
    return checked(malloc(size ? size : 1), size);
}

void *gm_xcalloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        checked(NULL, SIZE_MAX);
    return checked(calloc(count ? count : 1, size ? size : 1), count * size);
}

void *gm_xrealloc(void *ptr, size_t size)
{
    return checked(realloc(ptr, size ? size : 1), size);
}

char *gm_xstrdup(const char *s)
{
    return gm_xstrndup(s, strlen(s));
}

char *gm_xstrndup(const char *s, size_t len)
{
    char *copy = gm_xmalloc(len + 1);
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

void gm_xgrow(void **ptr, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap)
        return;
    size_t new_cap = *cap ? *cap : 8;
    while (new_cap < need) {
        if (new_cap > SIZE_MAX / 2 / elem_size)
            checked(NULL, SIZE_MAX);
        new_cap *= 2;
    }
    *ptr = gm_xrealloc(*ptr, new_cap * elem_size);
    *cap = new_cap;
}
