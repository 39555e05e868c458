/* The near-duplicate join of join.py, compiled: the same filters, the same order, the same
 * answer (see join.py for the method). Called through ctypes (cjoin.py), which releases the
 * GIL, so parts of one join can run on several cores in threads.
 *
 * rm_index builds the index once, for every title of the join (each title keeps its order
 * position); rm_probe then lets the titles of one part probe it, each seeing only the titles
 * before it in the order, exactly as join.py's index grows while it probes. No Python API:
 * plain C99, built by hatch_build.py; when it is missing the Python join runs.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#ifdef RM_STATS
static long long st_post, st_cand, st_ver, st_probe_keys, st_long;
#define STAT(x) (x)
#else
#define STAT(x)
#endif

#define RM_VERSION 7
#define MAX_SHARED 4
#define MAX_PAIR_PREFIX 16
#define ALPHA 2.5
#define BETA 0.5
#define EPS 1e-9

typedef struct {
    int32_t i, j; /* a pair found; the caller computes the score it reports */
} rm_edge;

typedef struct {
    /* inputs (owned by the caller, alive while the index is) */
    int32_t n;
    const int64_t *start;
    const int32_t *tok;
    const double *wt;
    const double *total;
    const int32_t *order;
    int32_t m;
    double threshold;
    /* derived */
    uint64_t width;
    double need_a, need_b, loose, probe_share, index_share;
    /* the index: open addressing from key to the key's number, then its run of positions */
    uint64_t cap; /* slots, a power of two, at most half full */
    uint64_t *keys; /* key + 1; 0 = empty */
    uint32_t *ids; /* the key's number */
    int64_t distinct, room; /* keys numbered, and room for them in first and count */
    int64_t *first; /* per key number: offset of the run in post */
    int32_t *count;
    int32_t *post; /* order positions, ascending within each run */
    int failed; /* out of memory while building */
    int32_t *lengths; /* per title: probe prefix lengths for k = 1..K (K stored in depth) */
    int8_t *depth; /* per title: K */
    int64_t nkeys;
    uint64_t *sig; /* per title: 128 bits, one set for each token (by its hash) */
    int32_t level_first[MAX_SHARED + 1]; /* the first position indexed at each level, or m */
} rm_index;

static void least_overlap(double t, double *a, double *b) {
    double alpha = ALPHA > BETA ? ALPHA : BETA, beta = ALPHA < BETA ? ALPHA : BETA;
    double spread = 1.0 - t + t * (alpha + beta);
    *a = t * alpha / spread;
    *b = t * beta / spread;
}

static double heaviest_of(const rm_index *ix, int32_t x) {
    double h = 0.0;
    for (int64_t p = ix->start[x]; p < ix->start[x + 1]; p++)
        if (ix->wt[p] > h) h = ix->wt[p];
    return h;
}

static int32_t prefix_length(const rm_index *ix, int32_t x, double limit) {
    double taken = 0.0;
    int64_t s = ix->start[x], e = ix->start[x + 1];
    for (int64_t p = s; p < e; p++) {
        taken += ix->wt[p];
        if (taken > limit) return (int32_t)(p - s + 1);
    }
    return (int32_t)(e - s);
}

/* join.py's _depth: (k, n) */
static void depth_of(const rm_index *ix, int32_t x, double share, int most, int *k_out,
                     int32_t *n_out) {
    double heaviest = heaviest_of(ix, x), tx = ix->total[x];
    int k = 1, top = most ? most : MAX_SHARED;
    while (k < top && share * tx > k * heaviest + EPS) k++;
    *k_out = k;
    *n_out = prefix_length(ix, x, (1.0 - share) * tx + (k - 1) * heaviest + EPS);
}

/* join.py's _depths: the prefix lengths for every k up to the deepest valid */
static int depths_of(const rm_index *ix, int32_t x, double share, int32_t *out) {
    double heaviest = heaviest_of(ix, x), tx = ix->total[x];
    int deepest = 1;
    while (deepest < MAX_SHARED && share * tx > deepest * heaviest + EPS) deepest++;
    double base = (1.0 - share) * tx + EPS, taken = 0.0;
    int64_t s = ix->start[x];
    int32_t n = 0, size = (int32_t)(ix->start[x + 1] - s);
    for (int k = 0; k < deepest; k++) {
        double limit = base + k * heaviest;
        while (n < size && taken <= limit) {
            taken += ix->wt[s + n];
            n++;
        }
        out[k] = n;
    }
    return deepest;
}

/* round(score, 9) as Python rounds it (the decimal nearest to the double, ties to even, read
 * back): printf and strtod round correctly, as Python's own conversions do. Only a score near
 * a ninth-decimal half-step needs them; nearbyint(score * 1e9) can be one step off there. */
static double rounded(double score) {
    double scaled = score * 1e9, low = floor(scaled);
    if (fabs(scaled - low - 0.5) > 1e-3) return nearbyint(scaled) / 1e9;
    char text[64];
    snprintf(text, sizeof text, "%.9f", score);
    return strtod(text, NULL);
}

static uint64_t mix(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

static int64_t slot_of(const rm_index *ix, uint64_t key) {
    uint64_t mask = ix->cap - 1, h = mix(key) & mask;
    while (ix->keys[h] != 0 && ix->keys[h] != key + 1) h = (h + 1) & mask;
    return (int64_t)h;
}

/* Twice the slots (or the first 1,024), every key moved to its new place. */
static int grow(rm_index *ix) {
    uint64_t cap = ix->cap ? ix->cap * 2 : 1024, mask = cap - 1;
    uint64_t *keys = calloc(cap, sizeof(uint64_t));
    uint32_t *ids = malloc(sizeof(uint32_t) * cap);
    if (!keys || !ids) {
        free(keys);
        free(ids);
        ix->failed = 1;
        return -1;
    }
    for (uint64_t h = 0; h < ix->cap; h++) {
        if (ix->keys[h] == 0) continue;
        uint64_t g = mix(ix->keys[h] - 1) & mask;
        while (keys[g] != 0) g = (g + 1) & mask;
        keys[g] = ix->keys[h];
        ids[g] = ix->ids[h];
    }
    free(ix->keys);
    free(ix->ids);
    ix->keys = keys;
    ix->ids = ids;
    ix->cap = cap;
    return 0;
}

/* Every index key of title x, in join.py's order, passed to visit. */
typedef void (*visit_fn)(rm_index *ix, uint64_t key, int32_t position);

static void index_keys(rm_index *ix, int32_t x, int32_t position, double shallow,
                       visit_fn visit) {
    int k_y;
    int32_t n;
    double tx = ix->total[x];
    const int32_t *row = ix->tok + ix->start[x];
    depth_of(ix, x, ix->index_share, 0, &k_y, &n);
    if (k_y > 1 && n > MAX_PAIR_PREFIX) depth_of(ix, x, ix->index_share, 1, &k_y, &n);
    if (position < ix->level_first[k_y]) ix->level_first[k_y] = position;
    if (k_y > 1 && tx <= shallow) {
        int k1;
        int32_t n1;
        depth_of(ix, x, ix->index_share, 1, &k1, &n1);
        if (n1 > 0 && position < ix->level_first[1]) ix->level_first[1] = position;
        for (int32_t a = 0; a < n1; a++) visit(ix, (uint64_t)row[a], position);
    }
    uint64_t w = ix->width, level = (uint64_t)k_y * w * w;
    if (k_y == 1) {
        for (int32_t a = 0; a < n; a++) visit(ix, (uint64_t)row[a], position);
    } else {
        for (int32_t a = 0; a < n; a++)
            for (int32_t b = a + 1; b < n; b++)
                visit(ix, level + (uint64_t)row[a] * w + (uint64_t)row[b], position);
    }
}

static void insert_key(rm_index *ix, uint64_t key, int32_t position) {
    (void)position;
    if (ix->failed) return;
    if ((uint64_t)(ix->distinct + 1) * 2 > ix->cap && grow(ix) < 0) return;
    int64_t h = slot_of(ix, key);
    if (ix->keys[h] == 0) {
        if (ix->distinct == ix->room) {
            int64_t room = ix->room ? ix->room * 2 : 1024;
            int64_t *first = realloc(ix->first, sizeof(int64_t) * (size_t)room);
            if (first) ix->first = first;
            int32_t *count = realloc(ix->count, sizeof(int32_t) * (size_t)room);
            if (count) ix->count = count;
            if (!first || !count) {
                ix->failed = 1;
                return;
            }
            ix->room = room;
        }
        ix->keys[h] = key + 1;
        ix->ids[h] = (uint32_t)ix->distinct;
        ix->count[ix->distinct++] = 0;
    }
    ix->count[ix->ids[h]]++;
    ix->nkeys++;
}

static void fill_key(rm_index *ix, uint64_t key, int32_t position) {
    uint32_t id = ix->ids[slot_of(ix, key)];
    ix->post[ix->first[id] + ix->count[id]++] = position;
}

void rm_free(rm_index *ix);

int rm_version(void) { return RM_VERSION; }

/* Each title's tokens in ascending id order (with their weights): rows are short, and
 * usually nearly sorted already, so insertion sort. */
static void sort_rows(int32_t n, const int64_t *start, int32_t *tok, double *wt) {
    for (int32_t x = 0; x < n; x++) {
        for (int64_t p = start[x] + 1; p < start[x + 1]; p++) {
            int32_t t = tok[p];
            double w = wt[p];
            int64_t q = p - 1;
            while (q >= start[x] && tok[q] > t) {
                tok[q + 1] = tok[q];
                wt[q + 1] = wt[q];
                q--;
            }
            tok[q + 1] = t;
            wt[q + 1] = w;
        }
    }
}

/* Build the index of the titles in order (positions 0..m-1); sorts each title's row of tok
 * and wt in place first. NULL when out of memory. */
rm_index *rm_index_new(int32_t n, const int64_t *start, int32_t *tok, double *wt,
                       const double *total, int32_t ntokens, const int32_t *order,
                       int32_t m, double threshold) {
    rm_index *ix = calloc(1, sizeof(rm_index));
    if (!ix) return NULL;
    sort_rows(n, start, tok, wt);
    ix->n = n;
    ix->start = start;
    ix->tok = tok;
    ix->wt = wt;
    ix->total = total;
    ix->order = order;
    ix->m = m;
    ix->threshold = threshold;
    ix->width = (uint64_t)ntokens + 1;
    least_overlap(threshold, &ix->need_a, &ix->need_b);
    {
        double beta = ALPHA < BETA ? ALPHA : BETA;
        ix->loose = threshold * beta / (1.0 - threshold + threshold * beta);
    }
    ix->probe_share = ix->need_a + ix->need_b;
    ix->index_share = ix->need_a * ix->loose + ix->need_b;
    ix->lengths = malloc(sizeof(int32_t) * (size_t)(m ? m : 1) * MAX_SHARED);
    ix->depth = malloc((size_t)(m ? m : 1));
    if (!ix->lengths || !ix->depth) goto fail;
    /* The heaviest title a title probing at depth 1 can pair with (join.py's shallow). */
    double shallow = -1.0, light = -1.0;
    for (int32_t p = 0; p < m; p++) {
        int32_t x = order[p];
        double tx = total[x];
        if (ix->probe_share * tx <= heaviest_of(ix, x) + EPS && tx > light) light = tx;
        ix->depth[p] = (int8_t)depths_of(ix, x, ix->probe_share, ix->lengths + (size_t)p * MAX_SHARED);
    }
    if (light >= 0.0) shallow = light / ix->loose + EPS;
    ix->sig = calloc((size_t)(n ? n : 1) * 2, sizeof(uint64_t));
    if (!ix->sig) goto fail;
    for (int32_t p = 0; p < m; p++) {
        int32_t x = order[p];
        for (int64_t q = start[x]; q < start[x + 1]; q++) {
            unsigned bit = (unsigned)(mix((uint64_t)tok[q]) & 127);
            ix->sig[2 * (size_t)x + (bit >> 6)] |= 1ULL << (bit & 63);
        }
    }
    for (int k = 0; k <= MAX_SHARED; k++) ix->level_first[k] = m;
    if (grow(ix) < 0) goto fail;
    for (int32_t p = 0; p < m && !ix->failed; p++) index_keys(ix, order[p], p, shallow, insert_key);
    if (ix->failed || ix->distinct >= (int64_t)UINT32_MAX) goto fail;
    ix->post = malloc(sizeof(int32_t) * (size_t)(ix->nkeys ? ix->nkeys : 1));
    if (!ix->post) goto fail;
    int64_t offset = 0;
    for (int64_t id = 0; id < ix->distinct; id++) {
        ix->first[id] = offset;
        offset += ix->count[id];
        ix->count[id] = 0;
    }
    for (int32_t p = 0; p < m; p++) index_keys(ix, order[p], p, shallow, fill_key);
    return ix;
fail:
    rm_free(ix);
    return NULL;
}

void rm_free(rm_index *ix) {
    if (!ix) return;
    free(ix->keys);
    free(ix->ids);
    free(ix->first);
    free(ix->count);
    free(ix->post);
    free(ix->lengths);
    free(ix->depth);
    free(ix->sig);
    free(ix);
}

static int32_t find(int32_t *parent, int32_t i) {
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

static void unite(int32_t *parent, int32_t i, int32_t j) {
    int32_t a = find(parent, i), b = find(parent, j);
    if (a == b) return;
    if (a > b) parent[a] = b;
    else parent[b] = a;
}

typedef struct {
    rm_edge *items;
    int64_t size, cap;
} edges_t;

static int push_edge(edges_t *out, int32_t i, int32_t j) {
    if (out->size == out->cap) {
        int64_t cap = out->cap ? out->cap * 2 : 256;
        rm_edge *items = realloc(out->items, sizeof(rm_edge) * (size_t)cap);
        if (!items) return -1;
        out->items = items;
        out->cap = cap;
    }
    out->items[out->size].i = i < j ? i : j;
    out->items[out->size].j = i < j ? j : i;
    out->size++;
    return 0;
}

/* The titles at positions p with p % parts == part probe the index; parent (n entries) is
 * the union-find of groups mode, or NULL for every pair. The edges found are returned in
 * *found (free with rm_free_edges); the count, or -1 when out of memory. */
int64_t rm_probe(const rm_index *ix, int32_t part, int32_t parts, int32_t *parent,
                 rm_edge **found) {
    int32_t n = ix->n, m = ix->m;
    edges_t out = {NULL, 0, 0};
    int32_t *met = calloc((size_t)(n ? n : 1), sizeof(int32_t));
    int32_t *stamp = malloc(sizeof(int32_t) * (size_t)(n ? n : 1));
    int32_t *touched = malloc(sizeof(int32_t) * (size_t)(n ? n : 1));
    int32_t *sorted = malloc(sizeof(int32_t) * (size_t)(n ? n : 1));
    int32_t *buckets = NULL;
    int32_t nbuckets = 0;
    uint8_t *bits = NULL; /* the probing title's token bits */
    int32_t nbits = 0;
    int64_t result = -1;
    if (!met || !stamp || !touched || !sorted) goto done;
    for (int32_t i = 0; i < n; i++) stamp[i] = -1;
    /* A pair is kept when its score at 9 decimals reaches the threshold: exactly the
       all-pairs answer for thresholds of up to 9 decimals; the filters keep EPS margins. */
    double bar = ix->threshold;
    uint64_t w = ix->width;
    for (int32_t p = part; p < m; p += parts) {
        int32_t x = ix->order[p];
        double tx = ix->total[x];
        const int32_t *row = ix->tok + ix->start[x];
        const double *wx = ix->wt + ix->start[x];
        int32_t size_x = (int32_t)(ix->start[x + 1] - ix->start[x]);
        double need_x = ix->need_a * tx - EPS, heaviest = tx / ix->loose + EPS;
        int32_t root = parent ? find(parent, x) : -1;
        const int32_t *lengths = ix->lengths + (size_t)p * MAX_SHARED;
        int k_x = ix->depth[p];
        if (size_x > nbits) {
            uint8_t *more = realloc(bits, (size_t)size_x);
            if (!more) goto done;
            bits = more;
            nbits = size_x;
        }
        for (int32_t a = 0; a < size_x; a++) bits[a] = (uint8_t)(mix((uint64_t)row[a]) & 127);
        for (int k_y = 1; k_y <= MAX_SHARED; k_y++) {
            /* No title before this one is indexed at this level (join.py: "if not postings"):
             * a long title would otherwise look up every pair of its prefix for nothing. */
            if (ix->level_first[k_y] >= p) continue;
            int k = k_x < k_y ? k_x : k_y;
            int32_t len = lengths[k - 1];
            int32_t least;
            int32_t ntouched = 0, most = 0;
            if (k_y == 1) {
                least = 1;
                for (int32_t a = 0; a < len; a++) {
                    int64_t h = slot_of(ix, (uint64_t)row[a]);
                    if (ix->keys[h] == 0) continue;
                    uint32_t id = ix->ids[h];
                    const int32_t *run = ix->post + ix->first[id];
                    for (int32_t e = 0, c = ix->count[id]; e < c && run[e] < p; e++) {
                        int32_t y = ix->order[run[e]];
                        if (met[y]++ == 0) touched[ntouched++] = y;
                    }
                }
            } else if (k == 1) {
                continue;
            } else {
                least = k * (k - 1) / 2;
                uint64_t level = (uint64_t)k_y * w * w;
                for (int32_t a = 0; a < len; a++)
                    for (int32_t b = a + 1; b < len; b++) {
                        int64_t h =
                            slot_of(ix, level + (uint64_t)row[a] * w + (uint64_t)row[b]);
                        if (ix->keys[h] == 0) continue;
                        uint32_t id = ix->ids[h];
                        const int32_t *run = ix->post + ix->first[id];
                        STAT(st_probe_keys++);
                        for (int32_t e = 0, c = ix->count[id]; e < c && run[e] < p; e++) {
                            STAT(st_post++);
                            int32_t y = ix->order[run[e]];
                            if (met[y]++ == 0) touched[ntouched++] = y;
                        }
                    }
            }
            if (ntouched == 0) continue;
            /* Counter.most_common: by count, descending, ties in the order first met. */
            for (int32_t t = 0; t < ntouched; t++)
                if (met[touched[t]] > most) most = met[touched[t]];
            if (most + 2 > nbuckets) {
                int32_t *more = realloc(buckets, sizeof(int32_t) * (size_t)(most + 2));
                if (!more) goto done;
                buckets = more;
                nbuckets = most + 2;
            }
            memset(buckets, 0, sizeof(int32_t) * (size_t)(most + 2));
            for (int32_t t = 0; t < ntouched; t++) buckets[most - met[touched[t]] + 1]++;
            for (int32_t c = 1; c <= most + 1; c++) buckets[c] += buckets[c - 1];
            for (int32_t t = 0; t < ntouched; t++) {
                int32_t y = touched[t];
                sorted[buckets[most - met[y]]++] = y;
            }
            for (int32_t t = 0; t < ntouched; t++) {
                int32_t y = sorted[t];
                int32_t count = met[y];
                if (count < least) break;
                STAT(st_cand++);
                double ty = ix->total[y];
                if (ty > heaviest || stamp[y] == p) continue;
                stamp[y] = p;
                double need = need_x + ix->need_b * ty;
                /* What they can share is at most the weight of x's tokens whose bits y has
                 * (two words, no read of y's tokens): most candidates stop here. */
                uint64_t s0 = ix->sig[2 * (size_t)y], s1 = ix->sig[2 * (size_t)y + 1];
                double most_shared = 0.0;
                for (int32_t a = 0; a < size_x; a++) {
                    unsigned bit = bits[a];
                    if (((bit < 64 ? s0 : s1) >> (bit & 63)) & 1ULL) most_shared += wx[a];
                }
                if (most_shared < need) continue;
                if (parent && find(parent, y) == root) continue;
                STAT(st_ver++);
                const int32_t *ry = ix->tok + ix->start[y];
                const double *wy = ix->wt + ix->start[y];
                int32_t size_y = (int32_t)(ix->start[y + 1] - ix->start[y]);
                /* The weight they share: the smaller weight of each common token. */
                double low = 0.0;
                for (int32_t a = 0, b = 0; a < size_x && b < size_y;) {
                    if (row[a] < ry[b]) a++;
                    else if (row[a] > ry[b]) b++;
                    else {
                        low += wx[a] < wy[b] ? wx[a] : wy[b];
                        a++;
                        b++;
                    }
                }
                if (low < need) continue;
                double da = tx - low, db = ty - low;
                if (da > db) {
                    double s = da;
                    da = db;
                    db = s;
                }
                if (da < 0.0) da = 0.0;
                if (db < 0.0) db = 0.0;
                double den = low + ALPHA * da + BETA * db;
                double score = den > 0.0 ? low / den : 0.0;
                if (rounded(score) >= bar) {
                    if (push_edge(&out, x, y) < 0) goto done;
                    if (parent) {
                        unite(parent, x, y);
                        root = find(parent, x);
                    }
                }
            }
            for (int32_t t = 0; t < ntouched; t++) met[touched[t]] = 0;
        }
    }
    result = out.size;
#ifdef RM_STATS
    fprintf(stderr, "keys %lld postings %lld candidates %lld verified %lld edges %lld\n", st_probe_keys, st_post, st_cand, st_ver, (long long)out.size);
#endif
    *found = out.items;
    out.items = NULL;
done:
    free(out.items);
    free(met);
    free(stamp);
    free(touched);
    free(sorted);
    free(buckets);
    free(bits);
    return result;
}

void rm_free_edges(rm_edge *edges) { free(edges); }
