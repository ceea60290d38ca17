/* Sharded runs: which shard an article belongs to, the manifest a shard's
 * extract leaves beside its output, and the merge of shard outputs into the
 * layers one run over the whole input gives. Reading goes through OGR,
 * writing through the exporter (export.h), so every output format and the
 * temporary name + rename apply. The CLI (cmd_extract.c, cmd_merge.c)
 * parses options and prints; nothing here prints.
 *
 * Order of the merged layers: mentions and events by article id (bytewise),
 * then in the order the article's shard wrote them (by start offset; events
 * by trigger), so equal to one extract over the input sorted by id; places
 * in order of first mention in that order (by place_id when no mentions
 * layer was read), mentions and articles summed, first and last dates
 * widened, name, country, admin1, feature and point from the first part
 * that has the place (every part comes from the same gazetteer). */
#ifndef GM_EXPORTS_MERGE_H
#define GM_EXPORTS_MERGE_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "exports/export.h"

/* The largest N of --shard K/N. */
#define GM_MERGE_MAX_SHARDS 100000

/* The 0-based shard (0..n-1) of an article id of len bytes: XXH3-64 of the
 * id's bytes modulo n. Stable across machines and runs; thread-safe.
 * --shard K/N keeps the articles where this is K-1. */
unsigned gm_merge_shard_of(const char *id, size_t len, unsigned n);

/* What a shard's run says about itself, written after its output is in
 * place: OUT's directory holds ".NAME.geomap-shard" for OUT = DIR/NAME. */
typedef struct gm_merge_manifest {
    unsigned k, n;        /* shard k of n, 1-based */
    unsigned layers;      /* GM_LAYER_* written */
    uint64_t read, mapped, rejected, other_shards;
    uint64_t mentions, places, events;
} gm_merge_manifest;

/* The manifest's path for OUT (trailing slashes ignored). Owned: free(). */
char *gm_merge_manifest_path(const char *out);

/* Writes the manifest of OUT under a temporary name and renames it into
 * place. GM_E_IO naming the path on failure. */
gm_status gm_merge_manifest_write(const char *out, const gm_merge_manifest *m,
                                  gm_error *err);

/* Removes OUT's manifest, if any (before a rerun replaces OUT, so that an
 * output without its manifest never passes for a complete shard). GM_E_IO
 * when it exists and cannot be removed. */
gm_status gm_merge_manifest_remove(const char *out, gm_error *err);

/* Reads OUT's manifest. GM_E_IO when missing or unreadable, GM_E_FORMAT
 * when it is not one; path in err is the manifest's. */
gm_status gm_merge_manifest_read(const char *out, gm_merge_manifest *m,
                                 gm_error *err);

typedef struct gm_merge_options {
    const char *const *parts; /* shard outputs (OUT of each extract) */
    size_t n_parts;
    unsigned expect;          /* N the parts must make, 0: as they say */
    /* The output: path, format, dst_srs, lco, dsco, diag as for extract;
     * layers is set by the merge (those the shards wrote). */
    gm_export_options out;
} gm_merge_options;

typedef struct gm_merge_stats {
    unsigned n;               /* shards merged */
    unsigned layers;
    uint64_t read, mapped, rejected;
    size_t mentions, places, events;
} gm_merge_stats;

/* Checks the set (every part has a manifest; all say the same N, equal to
 * expect when given, and the same layers; no shard twice; none missing:
 * GM_E_INPUT naming the missing ones as "2/4, 3/4"), then reads every part
 * (a directory of layer files <layer>.<ext>, or a file such as a GPKG
 * holding the layers; WGS 84 only: GM_E_FORMAT otherwise) and writes the
 * merged layers through the exporter. Nothing is written unless the whole
 * set checks and reads. stats may be NULL. */
gm_status gm_merge_run(const gm_merge_options *opts, gm_merge_stats *stats,
                       gm_error *err);

#endif
