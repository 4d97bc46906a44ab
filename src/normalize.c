/*
 * normalize.c - the text the aligner compares, with a way back to the
 * original.
 *
 * Line ends become \n, every kind of space becomes ' ', invisible characters
 * (soft hyphen, zero-width characters, BOM, bidi marks) are dropped and the
 * rest is put in NFC. Quotes and apostrophes are kept as written. Knots record
 * where the normalized text stops advancing byte for byte with the original,
 * so that every span can be mapped back: output always quotes the original.
 *
 * Damage (U+FFFD, ???? runs, mojibake, control characters) is detected here
 * and never repaired.
 */
#include "config.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct {
    al_buf out;
    al_knot *knots;
    size_t n_knots, cap_knots;
} norm_state;

static int add_knot(norm_state *st, size_t norm, size_t orig)
{
    if (st->n_knots > 0) {
        al_knot *last = &st->knots[st->n_knots - 1];
        if ((size_t)last->norm == norm) {       /* replace: same point */
            last->orig = (uint32_t)orig;
            return AL_OK;
        }
        if ((int64_t)last->orig - last->norm == (int64_t)orig - (int64_t)norm)
            return AL_OK;                         /* same delta: redundant */
    }
    if (st->n_knots == st->cap_knots) {
        al_knot *k = al_grow_array(st->knots, &st->cap_knots, sizeof *k, 64);
        if (k == NULL)
            return AL_ENOMEM;
        st->knots = k;
    }
    st->knots[st->n_knots].norm = (uint32_t)norm;
    st->knots[st->n_knots].orig = (uint32_t)orig;
    st->n_knots++;
    return AL_OK;
}

/* Emits REPL for original bytes [ORIG, ORIG_END): knots on both sides. */
static int emit_changed(norm_state *st, size_t orig, size_t orig_end,
                        const char *repl, size_t n)
{
    if (add_knot(st, st->out.len, orig) != AL_OK ||
        al_buf_append(&st->out, repl, n) != AL_OK ||
        add_knot(st, st->out.len, orig_end) != AL_OK)
        return AL_ENOMEM;
    return AL_OK;
}

static bool is_invisible(int32_t cp)
{
    return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 ||
           cp == 0xFEFF || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

static bool is_space_variant(int32_t cp)
{
    return cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000 || cp == 0x1680;
}

static int combining_class(int32_t cp)
{
    return utf8proc_get_property(cp)->combining_class;
}

/* Does S start with a combining mark? */
static bool starts_mark(const unsigned char *s, size_t n)
{
    int32_t cp;
    return al_utf8_decode(s, n, &cp) > 0 && combining_class(cp) != 0;
}

/* Length of the invisible characters at S (N bytes) when a combining mark
 * follows them, else 0. Such characters sit inside a cluster ("e", ZWSP,
 * U+0301): they are dropped from it before NFC, or the mark would stay
 * apart from its base and normalizing again would change the text. */
static size_t invisible_before_mark(const unsigned char *s, size_t n)
{
    size_t k = 0;
    while (k < n) {
        int32_t cp;
        size_t m = al_utf8_decode(s + k, n - k, &cp);
        if (m == 0)
            return 0;
        if (!is_invisible(cp))
            return k > 0 && combining_class(cp) != 0 ? k : 0;
        k += m;
    }
    return 0;
}

/* True when a lone code point is certainly unchanged by NFC. Below U+0300
 * nothing changes; punctuation U+2010..U+2125 and the emoji planes neither
 * (but U+2126 OHM, U+212B ANGSTROM, U+2329 and the CJK compatibility
 * ideographs U+2F800.. have singleton decompositions). */
static bool nfc_stable_alone(int32_t cp)
{
    if (cp < 0x300 || (cp >= 0x2010 && cp <= 0x2125) ||
        (cp >= 0x1F000 && cp < 0x2F800))
        return true;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    return p->decomp_seqindex == UINT16_MAX && !p->comp_exclusion;
}

int al_normalize(const char *orig, size_t len, al_norm *out, al_error *err)
{
    norm_state st = {0};
    const unsigned char *u = (const unsigned char *)orig;
    size_t i = 0;
    int rc = al_buf_reserve(&st.out, len);
    if (rc == AL_OK)
        rc = add_knot(&st, 0, 0);
    while (rc == AL_OK && i < len) {
        unsigned char c = u[i];
        if (c == '\r') {
            size_t end = i + 1 < len && u[i + 1] == '\n' ? i + 2 : i + 1;
            rc = end == i + 2 ? emit_changed(&st, i, end, "\n", 1)
                              : al_buf_putc(&st.out, '\n');
            i = end;
            continue;
        }
        bool blank = c == '\t' || c == '\v' || c == '\f';
        /* A run of plain ASCII, at once: each is kept as written but the
         * last, which the code below checks for a mark after it. */
        if (c < 0x80 && !blank) {
            size_t j = i + 1;
            while (j < len && u[j] < 0x80 && u[j] != '\r' && u[j] != '\t' &&
                   u[j] != '\v' && u[j] != '\f')
                j++;
            if (j < len && u[j] >= 0x80)
                j--;
            if (j > i) {
                rc = al_buf_append(&st.out, orig + i, j - i);
                i = j;
                continue;
            }
        }
        /* ASCII, unless a mark follows (blanks compose with none). */
        if (c < 0x80 && (blank || !(i + 1 < len && u[i + 1] >= 0x80 &&
                          (starts_mark(u + i + 1, len - i - 1) ||
                           invisible_before_mark(u + i + 1, len - i - 1))))) {
            rc = al_buf_putc(&st.out, blank ? ' ' : (char)c);
            i++;
            continue;
        }
        int32_t cp;
        size_t n = al_utf8_decode(u + i, len - i, &cp);
        if (n == 0) {            /* decode guarantees valid UTF-8 */
            rc = al_buf_putc(&st.out, (char)c);
            i++;
            continue;
        }
        if (is_invisible(cp)) {
            rc = emit_changed(&st, i, i + n, "", 0);
            i += n;
            continue;
        }
        if (is_space_variant(cp)) {
            rc = emit_changed(&st, i, i + n, " ", 1);
            i += n;
            continue;
        }
        if (cp == 0x2028 || cp == 0x0085 || cp == 0x2029) {
            rc = emit_changed(&st, i, i + n, "\n\n", cp == 0x2029 ? 2 : 1);
            i += n;
            continue;
        }
        /* A cluster: this code point and the combining marks after it
         * (with any invisible characters between them). */
        size_t end = i + n, marks = 0;
        bool alone = true, hidden = false;
        while (end < len && u[end] >= 0x80) {
            size_t skip = invisible_before_mark(u + end, len - end);
            if (skip > 0) {
                end += skip;
                hidden = true;
                alone = false;
                continue;
            }
            int32_t next;
            size_t m = al_utf8_decode(u + end, len - end, &next);
            if (m == 0 || combining_class(next) == 0)
                break;
            end += m;
            alone = false;
            marks++;
        }
        if (alone && nfc_stable_alone(cp)) {
            rc = al_buf_append(&st.out, orig + i, n);
            i = end;
            continue;
        }
        al_buf vis = {0};          /* the cluster without invisibles */
        for (size_t k = i; hidden && rc == AL_OK && k < end;) {
            int32_t x;
            size_t m = al_utf8_decode(u + k, end - k, &x);
            if (!is_invisible(x))
                rc = al_buf_append(&vis, orig + k, m);
            k += m;
        }
        const char *cl = hidden ? vis.data : orig + i;
        size_t cl_len = hidden ? vis.len : end - i;
        /* More than 30 marks (UAX #15 stream-safe text): kept as written,
         * since NFC reorders marks by sorting, which must not see an
         * unbounded run. Splitting the run instead would not be stable:
         * composing shortens the first part, so normalizing again would
         * cut it elsewhere. */
        utf8proc_uint8_t *nfc = NULL;
        utf8proc_ssize_t m = -1;
        if (rc == AL_OK && marks <= 30)
            m = utf8proc_map((const utf8proc_uint8_t *)cl,
                             (utf8proc_ssize_t)cl_len, &nfc,
                             UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (rc == AL_OK && m < 0)           /* kept as written */
            rc = emit_changed(&st, i, end, cl, cl_len);
        else if (rc == AL_OK && !hidden && (size_t)m == end - i &&
                 memcmp(nfc, orig + i, end - i) == 0)
            rc = al_buf_append(&st.out, orig + i, end - i);
        else if (rc == AL_OK)
            rc = emit_changed(&st, i, end, (const char *)nfc, (size_t)m);
        free(nfc);
        al_buf_free(&vis);
        i = end;
    }
    if (rc != AL_OK) {
        al_buf_free(&st.out);
        free(st.knots);
        return al_fail(err, AL_ENOMEM, "out of memory while normalizing");
    }
    st.out.data[st.out.len] = '\0';     /* reserved: also for empty input */
    char *fit = realloc(st.out.data, st.out.len + 1);   /* drop the slack */
    out->text = fit != NULL ? fit : st.out.data;
    out->len = st.out.len;
    out->knots = st.knots;
    out->n_knots = st.n_knots;
    return AL_OK;
}

void al_norm_free(al_norm *n)
{
    if (n == NULL)
        return;
    free(n->text);
    free(n->knots);
    memset(n, 0, sizeof *n);
}

size_t al_norm_to_orig(const al_norm *n, size_t off)
{
    size_t lo = 0, hi = n->n_knots;
    while (hi - lo > 1) {              /* last knot with norm <= off */
        size_t mid = lo + (hi - lo) / 2;
        if (n->knots[mid].norm <= off)
            lo = mid;
        else
            hi = mid;
    }
    size_t o = n->knots[lo].orig + (off - n->knots[lo].norm);
    if (lo + 1 < n->n_knots && o > n->knots[lo + 1].orig)
        o = n->knots[lo + 1].orig;
    return o;
}

/* Code points that Windows-1252 puts at 0x80..0x9F, as they appear when
 * UTF-8 was read as 1252. */
static bool is_cp1252_high(int32_t cp)
{
    return (cp >= 0x80 && cp <= 0xBF) || cp == 0x20AC || cp == 0x201A ||
           cp == 0x0192 || cp == 0x201E || cp == 0x2026 || cp == 0x2020 ||
           cp == 0x2021 || cp == 0x02C6 || cp == 0x2030 || cp == 0x0160 ||
           cp == 0x2039 || cp == 0x0152 || cp == 0x017D || cp == 0x2018 ||
           cp == 0x2019 || cp == 0x201C || cp == 0x201D || cp == 0x2022 ||
           cp == 0x2013 || cp == 0x2014 || cp == 0x02DC || cp == 0x2122 ||
           cp == 0x0161 || cp == 0x203A || cp == 0x0153 || cp == 0x017E ||
           cp == 0x0178;
}

bool al_mojibake_pair_high(int32_t prev, int32_t cp)
{
    return ((prev == 0xC3 || prev == 0xC2 || prev == 0xC5) &&
            is_cp1252_high(cp)) ||
           (prev == 0xE2 && (cp == 0x20AC || cp == 0x0080));
}

static bool is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static bool is_opening_mark(int32_t cp)
{
    return cp == '(' || cp == '[' || cp == '"' || cp == '\'' ||
           cp == 0x201E || cp == 0x201C || cp == 0x00AB || cp == 0x2018;
}

/* Is a run of N question marks damage, given the code points before and
 * after it (0 at the edges)? Two or more at a word start ("???? live",
 * "Größe" as "Gr??e") or one between letters ("Gr?e") stand for lost
 * characters; after a word they are a sentence end ("Wirklich??"). */
static bool qmarks_damage(size_t n, int32_t before, int32_t after)
{
    if (n >= 2)
        return before == 0 || before == ' ' || before == '\t' ||
               before == '\n' || before == '\r' || is_opening_mark(before) ||
               is_letter(after);
    return is_letter(before) && is_letter(after) &&
           utf8proc_category(after) == UTF8PROC_CATEGORY_LL;
}

unsigned al_damage_scan(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned bits = 0;
    int32_t prev = 0, before_q = 0;
    size_t qrun = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t m = al_utf8_decode(u + i, n - i, &cp);
        if (m == 0)
            m = 1;
        if (cp == 0xFFFD)
            bits |= AL_DAMAGE_FFFD;
        /* C0 and C1 controls, DEL; tab, line ends and form feed (page
         * breaks of PDF text) are ordinary */
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' &&
             cp != '\f') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F && m == 2))
            bits |= AL_DAMAGE_CONTROL;
        if (cp == '?') {
            if (qrun++ == 0)
                before_q = prev;
        } else {
            if (qrun > 0 && qmarks_damage(qrun, before_q, cp))
                bits |= AL_DAMAGE_QMARKS;
            qrun = 0;
        }
        if (al_mojibake_pair(prev, cp))
            bits |= AL_DAMAGE_MOJIBAKE;
        prev = cp;
        i += m;
    }
    if (qrun > 0 && qmarks_damage(qrun, before_q, 0))
        bits |= AL_DAMAGE_QMARKS;
    return bits;
}
