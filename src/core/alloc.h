/* Allocation that does not return NULL: on exhaustion the gm_x* functions
 * call the out-of-memory hook, which must not return. The library's default
 * hook aborts; the CLI installs one that prints
 * "geomap: out of memory allocating N bytes" first. Callers never test the
 * result for NULL. Thread-safe once the hook is set (set it before threads). */
#ifndef GM_CORE_ALLOC_H
#define GM_CORE_ALLOC_H

#include <stddef.h>

typedef void (*gm_oom_handler)(size_t bytes);

/* Replaces the hook; NULL restores the default (abort). */
void gm_set_oom_handler(gm_oom_handler handler);

void *gm_xmalloc(size_t size);
void *gm_xcalloc(size_t count, size_t size);
void *gm_xrealloc(void *ptr, size_t size);
/* Owned copies; free with free(). */
char *gm_xstrdup(const char *s);
char *gm_xstrndup(const char *s, size_t len);

/* Grows *ptr (an array of *cap elements of elem_size bytes) so that it holds
 * at least need elements; doubling, so appends are amortised O(1). */
void gm_xgrow(void **ptr, size_t *cap, size_t need, size_t elem_size);

#endif
