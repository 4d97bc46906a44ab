/*
 * segment.c - paragraphs and sentences of normalized text.
 *
 * Paragraphs end at blank lines. Inside a paragraph a sentence ends
 *  - after a run of . ! ? … (with closing quotes or brackets) followed by
 *    white space and something that can start a sentence, unless the word
 *    before a lone period is an abbreviation, an initial or an ordinal
 *    number (the lists and word classes come from dicts/abbrev-LANG.txt and
 *    dicts/segment-LANG.txt);
 *  - after a period glued to a capitalised word ("dar.Bild: t-online") or
 *    followed by a footnote number ("martyr.[1] The");
 *  - before a list item: a line starting with a bullet or "1.", "a)", …, or
 *    inline enumerations "1.) … 2.) …";
 *  - at a line break when the line has no final punctuation and the next line
 *    does not continue it in lowercase (headings, bylines, list items).
 * In English, . ! ? inside quotes or brackets do not end a sentence ("'Well!'
 * thought Alice"); in German and French news style they do.
 * In presegmented mode each non-blank line is one sentence.
 *
 * Every decision looks at a bounded window around the mark (at most
 * WORD_MAX bytes back, a few tokens ahead), so segmentation is linear in the
 * input size.
 */
#include "config.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Longest word looked at before a period; longer ones are plain words. */
#define WORD_MAX 64

/* ---- abbreviation lists and segmentation rules ---- */

/* Classes of abbreviations (dicts/README). */
enum {
    AB_END = 0,      /* may end a sentence: only before a sentence starter */
    AB_PREFIX,       /* never ends a sentence */
    AB_NUMERIC,      /* an abbreviation only before a number */
    AB_FINAL         /* ends the sentence before any capitalised word */
};

struct al_abbrev {
    al_strtab *words;        /* abbreviations with their final period */
    unsigned char *cls;      /* class per id of WORDS */
    size_t cap_cls;
    al_strtab *ordinal;      /* words after which "N." is an ordinal */
    al_strtab *starter;      /* lowercase words that begin sentences */
    al_strtab *exclaim;      /* names written with '!' (Yahoo!) */
};

static int set_class(al_abbrev *a, const char *w, size_t n, int cls)
{
    int32_t id = al_strtab_id(a->words, w, n, true);
    if (id < 0)
        return AL_ENOMEM;
    if ((size_t)id >= a->cap_cls) {
        size_t cap = a->cap_cls ? a->cap_cls * 2 : 512;
        while (cap <= (size_t)id)
            cap *= 2;
        unsigned char *c = realloc(a->cls, cap);
        if (c == NULL)
            return AL_ENOMEM;
        memset(c + a->cap_cls, 0, cap - a->cap_cls);
        a->cls = c;
        a->cap_cls = cap;
    }
    a->cls[id] = (unsigned char)cls;
    return AL_OK;
}

typedef int (*line_fn)(al_abbrev *a, const char *path, size_t lineno,
                       const char *w, size_t wn, const char *kind, size_t kn,
                       al_error *err);

/* Calls FN for each "WORD[<TAB>KIND]" line of PATH ('#' lines skipped). */
static int read_lines(al_abbrev *a, const char *path, line_fn fn,
                      al_error *err)
{
    char *data;
    size_t len;
    int rc = al_read_file(path, &data, &len, err);
    if (rc != AL_OK)
        return rc;
    al_lines it = {data, data + len, 0};
    const char *line;
    size_t n;
    while (rc == AL_OK && al_lines_next(&it, &line, &n)) {
        if (n > 0 && line[0] != '#') {
            const char *tab = memchr(line, '\t', n);
            size_t wn = tab ? (size_t)(tab - line) : n;
            const char *kind = tab ? tab + 1 : line + n;
            size_t kn = tab ? n - wn - 1 : 0;
            if (wn > 0)
                rc = fn(a, path, it.lineno, line, wn, kind, kn, err);
        }
    }
    free(data);
    return rc;
}

static bool kind_is(const char *k, size_t kn, const char *name)
{
    return kn == strlen(name) && memcmp(k, name, kn) == 0;
}

static int abbrev_line(al_abbrev *a, const char *path, size_t lineno,
                       const char *w, size_t wn, const char *k, size_t kn,
                       al_error *err)
{
    int cls;
    if (kn == 0)
        cls = AB_END;
    else if (kind_is(k, kn, "prefix"))
        cls = AB_PREFIX;
    else if (kind_is(k, kn, "numeric"))
        cls = AB_NUMERIC;
    else
        return al_fail(err, AL_EDICT, "%s:%zu: unknown class '%.*s'", path,
                       lineno, (int)kn, k);
    if (set_class(a, w, wn, cls) != AL_OK)
        return al_fail(err, AL_ENOMEM, "%s: out of memory", path);
    return AL_OK;
}

static int rules_line(al_abbrev *a, const char *path, size_t lineno,
                      const char *w, size_t wn, const char *k, size_t kn,
                      al_error *err)
{
    int rc;
    if (kind_is(k, kn, "ordinal"))
        rc = al_strtab_id(a->ordinal, w, wn, true) < 0 ? AL_ENOMEM : AL_OK;
    else if (kind_is(k, kn, "starter"))
        rc = al_strtab_id(a->starter, w, wn, true) < 0 ? AL_ENOMEM : AL_OK;
    else if (kind_is(k, kn, "exclaim"))
        rc = al_strtab_id(a->exclaim, w, wn, true) < 0 ? AL_ENOMEM : AL_OK;
    else if (kind_is(k, kn, "final"))
        rc = set_class(a, w, wn, AB_FINAL);
    else if (kind_is(k, kn, "prefix"))
        rc = set_class(a, w, wn, AB_PREFIX);
    else
        return al_fail(err, AL_EDICT, "%s:%zu: unknown kind '%.*s'", path,
                       lineno, (int)kn, k);
    if (rc != AL_OK)
        return al_fail(err, AL_ENOMEM, "%s: out of memory", path);
    return AL_OK;
}

al_abbrev *al_abbrev_load(const char *path, al_error *err)
{
    al_abbrev *a = al_calloc(1, sizeof *a);
    if (a == NULL || (a->words = al_strtab_new()) == NULL ||
        (a->ordinal = al_strtab_new()) == NULL ||
        (a->starter = al_strtab_new()) == NULL ||
        (a->exclaim = al_strtab_new()) == NULL) {
        al_abbrev_free(a);
        al_fail(err, AL_ENOMEM, "%s: out of memory", path);
        return NULL;
    }
    if (read_lines(a, path, abbrev_line, err) != AL_OK) {
        al_abbrev_free(a);
        return NULL;
    }
    return a;
}

int al_abbrev_load_rules(al_abbrev *a, const char *path, al_error *err)
{
    return read_lines(a, path, rules_line, err);
}

void al_abbrev_free(al_abbrev *a)
{
    if (a == NULL)
        return;
    al_strtab_free(a->words);
    al_strtab_free(a->ordinal);
    al_strtab_free(a->starter);
    al_strtab_free(a->exclaim);
    free(a->cls);
    free(a);
}

/* Class of abbreviation WORD (N bytes with its period), or -1. A capitalised
 * or all-capitals form is also found under its lowercase entry ("Bzw.",
 * "SEC." for "sec."). */
static int abbrev_class(const al_abbrev *a, const char *word, size_t n)
{
    if (a == NULL || n == 0 || n >= WORD_MAX)
        return -1;
    int32_t id = al_strtab_id(a->words, word, n, false);
    if (id >= 0)
        return a->cls[id];
    if (!(word[0] >= 'A' && word[0] <= 'Z') || n == 2)
        return -1;                      /* "I." is an initial, not "i." */
    char low[WORD_MAX];
    memcpy(low, word, n);
    low[0] = (char)(low[0] - 'A' + 'a');
    if ((id = al_strtab_id(a->words, low, n, false)) >= 0)
        return a->cls[id];
    bool caps = n > 2;
    for (size_t i = 1; i < n && caps; i++)
        if (word[i] >= 'a' && word[i] <= 'z')
            caps = false;
    if (!caps)
        return -1;
    for (size_t i = 1; i < n; i++)        /* "SEC." as "Sec.", then "sec." */
        if (word[i] >= 'A' && word[i] <= 'Z')
            low[i] = (char)(word[i] - 'A' + 'a');
    if ((id = al_strtab_id(a->words, low, n, false)) >= 0)
        return a->cls[id];
    low[0] = word[0];
    if ((id = al_strtab_id(a->words, low, n, false)) >= 0)
        return a->cls[id];
    return -1;
}

bool al_abbrev_has(const al_abbrev *a, const char *word, size_t n)
{
    return abbrev_class(a, word, n) >= 0;
}

/* ---- character classes ---- */

static int32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
    int32_t cp;
    size_t m = al_utf8_decode((const unsigned char *)s + i, len - i, &cp);
    *n = m ? m : 1;
    return m ? cp : (unsigned char)s[i];
}

/* Code point before offset I (0 at LIMIT); *START gets its offset. */
static int32_t cp_before(const char *s, size_t limit, size_t i, size_t *start)
{
    if (i <= limit) {
        *start = i;
        return 0;
    }
    size_t j = i - 1;
    while (j > limit && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    int32_t cp;
    if (al_utf8_decode((const unsigned char *)s + j, i - j, &cp) == 0)
        cp = (unsigned char)s[i - 1], j = i - 1;
    *start = j;
    return cp;
}

static bool is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static bool is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static bool is_alpha(int32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static bool is_digit(int32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static bool is_space(int32_t cp)
{
    return cp == ' ' || cp == '\n';
}

static bool is_opening(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == '(' || cp == '[' ||
           cp == 0x201E || cp == 0x201C || cp == 0x00AB || cp == 0x2018 ||
           cp == 0x201A || cp == 0x2039 || cp == 0x00BF || cp == 0x00A1 ||
           cp == '`';
}

/* Fullwidth and ideographic marks end a sentence even without a space. */
static bool is_wide_terminal(int32_t cp)
{
    return cp == 0xFF0E || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
}

static bool is_terminal(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 ||
           is_wide_terminal(cp);
}

static bool is_dash(int32_t cp)
{
    return cp == '-' || cp == 0x2013 || cp == 0x2014;
}

/* Bullets that start a list item, at a line start or inside a line. */
static bool is_bullet(int32_t cp)
{
    return cp == 0x2022 || cp == 0x2043 || cp == 0x2023 || cp == 0x25E6 ||
           cp == 0x25AA || cp == 0x25A0 || cp == 0x25BA || cp == 0x00B7;
}

/* ---- state ---- */

/* Styles of list markers: "1." "1.)" "1)" "a." "a.)" "a)", roman "ii)". */
enum { MK_NUM_DOT, MK_NUM_DOTPAREN, MK_NUM_PAREN, MK_ALPHA_DOT,
       MK_ALPHA_DOTPAREN, MK_ALPHA_PAREN, MK_ROMAN, MK_NUM_PARENS,
       MK_ALPHA_PARENS, MK_STYLES };

typedef struct {
    uint32_t pos, end;       /* the marker, end after its punctuation */
    uint16_t value;
    unsigned char style;
    bool can_start;          /* at a paragraph/line start or after an end */
    bool line_start;
    bool list;               /* judged a list item */
    uint32_t first;          /* first marker of its chain */
    uint32_t chain_len;      /* on the first marker: length of the chain */
} marker;

typedef struct {
    const char *s;
    size_t len;
    const al_abbrev *ab;
    al_lang lang;
    al_sent *out;
    size_t n, cap;
    uint32_t para;
    /* per paragraph */
    size_t b, e;             /* the paragraph */
    size_t start;            /* start of the current sentence */
    size_t last_q;           /* end of the last judged terminal run */
    signed char *depth;      /* English: quote/bracket depth per byte */
    size_t cap_depth;
    struct { uint32_t open, close; } *rng;  /* closed quotes, by close */
    size_t n_rng, cap_rng, next_rng;
    marker *mk;
    size_t n_mk, cap_mk, next_mk;
    size_t tok_b, tok_e;     /* token cache for URL detection */
    bool tok_url;
} seg_state;

static int push(seg_state *st, size_t b, size_t e)
{
    while (b < e && is_space((unsigned char)st->s[b]))
        b++;
    while (e > b && is_space((unsigned char)st->s[e - 1]))
        e--;
    if (b == e)
        return AL_OK;
    if (st->n == st->cap) {
        al_sent *o = al_grow_array(st->out, &st->cap, sizeof *o, 256);
        if (o == NULL)
            return AL_ENOMEM;
        st->out = o;
    }
    al_sent *x = &st->out[st->n++];
    memset(x, 0, sizeof *x);
    x->start = (uint32_t)b;
    x->len = (uint32_t)(e - b);
    x->para = st->para;
    x->parts = 1;
    return AL_OK;
}

/* Ends the current sentence at AT (a cut before AT). */
static int cut(seg_state *st, size_t at)
{
    if (at <= st->start)
        return AL_OK;
    int rc = push(st, st->start, at);
    st->start = at;
    return rc;
}

/* ---- words around a mark ---- */

/* The word starting at I (letters only, at most CAP-1 bytes), lowercased
 * when FOLD; its length, 0 when there is none. Apostrophes end it. */
static size_t word_at(const seg_state *st, size_t i, char *out, size_t cap,
                      bool fold)
{
    size_t o = 0;
    while (i < st->e) {
        size_t n;
        int32_t cp = cp_at(st->s, st->e, i, &n);
        if (!is_alpha(cp))
            break;
        if (fold)
            cp = utf8proc_tolower(cp);
        char enc[4];
        size_t m = al_utf8_encode(cp, enc);
        if (o + m >= cap)
            return 0;
        memcpy(out + o, enc, m);
        o += m;
        i += n;
    }
    out[o] = '\0';
    return o;
}

/* Does a sentence starter (dicts/segment-LANG.txt) begin at I? */
static bool starter_at(const seg_state *st, size_t i)
{
    char w[WORD_MAX];
    size_t n = word_at(st, i, w, sizeof w, true), len = 0;
    if (n == 0 || st->ab == NULL)
        return false;
    while (i + len < st->e && is_alpha(cp_at(st->s, st->e, i + len, &n)))
        len += n;
    if (i + len < st->e && st->s[i + len] == '.')
        return false;                   /* "J.-C.", "U.S.": not a word */
    return al_strtab_id(st->ab->starter, w, strlen(w), false) >= 0;
}

/* Is the word at I one after which "N." is an ordinal (a month)? */
static bool ordinal_word_at(const seg_state *st, size_t i)
{
    char w[WORD_MAX];
    size_t n = word_at(st, i, w, sizeof w, false);
    return n > 0 && st->ab != NULL &&
           al_strtab_id(st->ab->ordinal, w, n, false) >= 0;
}

/* Start of the token holding P: after the last space or opening mark,
 * at most WORD_MAX bytes back (then P - WORD_MAX: a long token). */
static size_t token_start(const seg_state *st, size_t p)
{
    size_t from = st->start > st->b && st->start <= p ? st->start : st->b;
    size_t wb = p, lim = p > from + WORD_MAX ? p - WORD_MAX : from;
    while (wb > lim) {
        size_t cs;
        int32_t c = cp_before(st->s, lim, wb, &cs);
        if (is_space(c) || (is_opening(c) && c != '\'' && c != 0x2019))
            break;
        wb = cs;
    }
    return wb;
}

/* Is the white-space-delimited token around P a URL or an e-mail address?
 * Each token is scanned once (cached), which keeps this linear. */
static bool in_url(seg_state *st, size_t p)
{
    if (p >= st->tok_b && p < st->tok_e)
        return st->tok_url;
    size_t b = p, e = p;
    while (b > st->b && !is_space((unsigned char)st->s[b - 1]))
        b--;
    while (e < st->e && !is_space((unsigned char)st->s[e]))
        e++;
    const char *t = st->s + b;
    size_t n = e - b;
    bool url = false;
    for (size_t i = 0; i + 2 < n && !url; i++)
        if (t[i] == ':' && t[i + 1] == '/' && t[i + 2] == '/')
            url = true;
    if (n > 4 && (memcmp(t, "www.", 4) == 0 || memcmp(t, "WWW.", 4) == 0))
        url = true;
    const char *at = memchr(t, '@', n);
    if (at != NULL && at > t && memchr(at, '.', n - (size_t)(at - t)) != NULL)
        url = true;
    st->tok_b = b;
    st->tok_e = e;
    st->tok_url = url;
    return url;
}

/* ---- list markers ---- */

static int roman_value(const char *s, size_t n)
{
    static const char *const r[] = {"i", "ii", "iii", "iv", "v", "vi", "vii",
                                    "viii", "ix", "x", "xi", "xii"};
    for (size_t k = 0; k < sizeof r / sizeof r[0]; k++)
        if (strlen(r[k]) == n && memcmp(r[k], s, n) == 0)
            return (int)k + 1;
    return 0;
}

/* Parses a list marker at I ("12." "3.)" "4)" "b." "c)" "iv)") followed by
 * a space; fills M and returns true. */
static bool parse_marker(const seg_state *st, size_t i, marker *m)
{
    const char *s = st->s;
    size_t e = st->e, k = i;
    int value = 0, kind;              /* 0 number, 1 letter, 2 roman */
    while (k < e && k - i < 3 && s[k] >= '0' && s[k] <= '9')
        value = value * 10 + (s[k++] - '0');
    if (k > i) {
        if (k - i > 2 || value == 0)
            return false;
        kind = 0;
    } else {
        while (k < e && k - i < 5 && (s[k] == 'i' || s[k] == 'v' ||
                                      s[k] == 'x'))
            k++;
        if (k - i >= 2) {
            kind = 2;
            value = roman_value(s + i, k - i);
            if (value == 0)
                return false;
        } else if (s[i] >= 'a' && s[i] <= 'z') {
            kind = 1;
            value = s[i] - 'a' + 1;
            k = i + 1;
        } else {
            return false;
        }
    }
    int style;
    if (k < e && s[k] == '.' && k + 1 < e && s[k + 1] == ')')
        style = kind == 0 ? MK_NUM_DOTPAREN : kind == 1 ? MK_ALPHA_DOTPAREN
                                                        : MK_ROMAN, k += 2;
    else if (k < e && s[k] == '.')
        style = kind == 0 ? MK_NUM_DOT : kind == 1 ? MK_ALPHA_DOT : -1, k++;
    else if (k < e && s[k] == ')')
        style = kind == 0 ? MK_NUM_PAREN : kind == 1 ? MK_ALPHA_PAREN
                                                     : MK_ROMAN, k++;
    else
        return false;
    if (style < 0 || k >= e || s[k] != ' ')
        return false;
    m->pos = (uint32_t)i;
    m->end = (uint32_t)k;
    m->value = (uint16_t)value;
    m->style = (unsigned char)style;
    return true;
}

/* Can an enumeration start at I: paragraph or line start, after a bullet,
 * or after a mark that ended a sentence? Sets *LINE_START. */
static bool marker_can_start(const seg_state *st, size_t i, bool *line_start)
{
    size_t j = i, cs;
    while (j > st->b && st->s[j - 1] == ' ')
        j--;
    *line_start = j == st->b || st->s[j - 1] == '\n';
    if (*line_start)
        return true;
    int32_t c = cp_before(st->s, st->b, j, &cs);
    if (is_bullet(c))
        return true;
    while (al_is_closing(c) && cs > st->b)
        c = cp_before(st->s, st->b, cs, &cs);
    return c == '.' || c == '!' || c == '?' || c == ':' || c == 0x2026;
}

static int add_marker(seg_state *st, const marker *m)
{
    if (st->n_mk == st->cap_mk) {
        marker *x = al_grow_array(st->mk, &st->cap_mk, sizeof *x, 64);
        if (x == NULL)
            return AL_ENOMEM;
        st->mk = x;
    }
    st->mk[st->n_mk++] = *m;
    return AL_OK;
}

/* Finds the list markers of the paragraph. A marker at a line start is a
 * list item; inside a line only a run of two or more with consecutive
 * values, of one style, starting where an enumeration can start ("1. The
 * first item 2. The second item"). "am 3. Mai" is not a marker. */
static int find_markers(seg_state *st)
{
    const char *s = st->s;
    st->n_mk = st->next_mk = 0;
    for (size_t i = st->b; i < st->e; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '('))
            continue;
        size_t ps;
        int32_t before = cp_before(s, st->b, i, &ps);
        if (!(i == st->b || is_space(before) || is_bullet(before)))
            continue;
        marker m;
        memset(&m, 0, sizeof m);
        bool parens = c == '(';
        if (parens && (!parse_marker(st, i + 1, &m) ||
                       (m.style != MK_NUM_PAREN && m.style != MK_ALPHA_PAREN)))
            continue;                          /* "(a)", "(12)" */
        if (parens) {
            m.pos = (uint32_t)i;
            m.style = m.style == MK_NUM_PAREN ? MK_NUM_PARENS
                                              : MK_ALPHA_PARENS;
        }
        if (parens || parse_marker(st, i, &m)) {
            m.can_start = marker_can_start(st, i, &m.line_start);
            bool date = (m.style == MK_NUM_DOT || m.style == MK_ALPHA_DOT) &&
                        ordinal_word_at(st, m.end + 1);
            m.list = m.line_start && !date;
            if (!date && (m.line_start || m.style != MK_ROMAN) &&
                add_marker(st, &m) != AL_OK)
                return AL_ENOMEM;
        }
    }
    /* Chains of consecutive values per style: a list when its first
     * marker can start an enumeration, or when it counts 1, 2, 3 ... */
    long prev[MK_STYLES];
    for (int k = 0; k < MK_STYLES; k++)
        prev[k] = -1;
    for (size_t k = 0; k < st->n_mk; k++) {
        marker *m = &st->mk[k];
        long p = prev[m->style];
        if (p >= 0 && st->mk[p].value + 1 == m->value) {
            m->first = st->mk[p].first;
            st->mk[m->first].chain_len++;
        } else {
            m->first = (uint32_t)k;
            m->chain_len = 1;
        }
        prev[m->style] = (long)k;
    }
    /* a list of a style already seen may start again at 1 */
    bool seen[MK_STYLES] = {false};
    for (size_t k = 0; k < st->n_mk; k++) {
        marker *m = &st->mk[k];
        const marker *f = &st->mk[m->first];
        if (f->chain_len >= 2 &&
            (f->can_start || (f->value == 1 && f->chain_len >= 3) ||
             (f->value == 1 && seen[f->style])))
            m->list = true;
        if (m->list)
            seen[m->style] = true;
    }
    return AL_OK;
}

/* The list marker starting at I, if it is a list item. */
static const marker *list_marker_at(seg_state *st, size_t i)
{
    while (st->next_mk < st->n_mk && st->mk[st->next_mk].pos < i)
        st->next_mk++;
    if (st->next_mk < st->n_mk && st->mk[st->next_mk].pos == i &&
        st->mk[st->next_mk].list)
        return &st->mk[st->next_mk];
    return NULL;
}

/* Does a list item (bullet, dash or list marker) start the line at I? */
static bool line_is_item(seg_state *st, size_t i)
{
    while (i < st->e && st->s[i] == ' ')
        i++;
    if (i >= st->e)
        return false;
    size_t n;
    int32_t c = cp_at(st->s, st->e, i, &n);
    if (is_bullet(c))
        return true;
    if ((is_dash(c) || c == '*') && i + n < st->e && st->s[i + n] == ' ')
        return true;
    if (c == '(' && i + n < st->e) {
        marker m;
        size_t k = i + n;
        while (k < st->e && k - i < 5 && st->s[k] != ')')
            k++;
        return k < st->e && st->s[k] == ')' && k + 1 < st->e &&
               st->s[k + 1] == ' ' && k > i + 1 &&
               (parse_marker(st, i + 1, &m) || k == i + 2);
    }
    /* markers before I are never needed again: the scan only goes on */
    while (st->next_mk < st->n_mk && st->mk[st->next_mk].pos < i)
        st->next_mk++;
    return st->next_mk < st->n_mk && st->mk[st->next_mk].pos == i &&
           st->mk[st->next_mk].list;
}

/* ---- English: quotes and brackets protect their sentence marks ---- */

enum { Q_PAREN, Q_BRACKET, Q_DCURLY, Q_SCURLY, Q_GUIL, Q_DSTRAIGHT,
       Q_SSTRAIGHT };

enum { QDEPTH = 32 };
typedef struct { int kind; size_t pos; } quote_open;

/* Is a quote of KIND open among the top four of the stack? */
static bool open_in(const quote_open *stack, int top, int kind)
{
    for (int k = top - 1; k >= 0 && k >= top - 4; k--)
        if (stack[k].kind == kind)
            return true;
    return false;
}

static int add_range(seg_state *st, size_t open, size_t close)
{
    if (st->n_rng == st->cap_rng) {
        void *r = al_grow_array(st->rng, &st->cap_rng, sizeof *st->rng, 64);
        if (r == NULL)
            return AL_ENOMEM;
        st->rng = r;
    }
    st->rng[st->n_rng].open = (uint32_t)open;
    st->rng[st->n_rng++].close = (uint32_t)close;
    return AL_OK;
}

/* Opening of the outermost quote or bracket closed in [P, Q), or -1. */
static long range_closed_in(seg_state *st, size_t p, size_t q)
{
    while (st->next_rng < st->n_rng && st->rng[st->next_rng].close < p)
        st->next_rng++;
    long open = -1;
    for (size_t k = st->next_rng; k < st->n_rng && st->rng[k].close < q; k++)
        open = (long)st->rng[k].open;
    return open;
}

/* Does the current sentence begin at OPEN? */
static bool sentence_starts_at(const seg_state *st, size_t open)
{
    size_t sb = st->start;
    while (sb < open && is_space((unsigned char)st->s[sb]))
        sb++;
    return sb == open;
}

static int compute_depth(seg_state *st)
{
    size_t n = st->e - st->b + 1;
    if (n > st->cap_depth) {
        signed char *d = al_realloc_array(st->depth, n, sizeof *d);
        if (d == NULL)
            return AL_ENOMEM;
        st->depth = d;
        st->cap_depth = n;
    }
    memset(st->depth, 0, n * sizeof *st->depth);
    quote_open stack[QDEPTH];
    int top = 0;
    st->n_rng = st->next_rng = 0;
    const char *s = st->s;
    for (size_t i = st->b; i < st->e;) {
        size_t m, ps;
        int32_t c = cp_at(s, st->e, i, &m);
        int32_t prev = cp_before(s, st->b, i, &ps);
        int32_t next = i + m < st->e ? cp_at(s, st->e, i + m, &ps) : 0;
        int open = -1, close = -1;
        switch (c) {
        case '(': open = Q_PAREN; break;
        case ')': close = Q_PAREN; break;
        case '[': open = Q_BRACKET; break;
        case ']': close = Q_BRACKET; break;
        case 0x201C: open = Q_DCURLY; break;
        case 0x201D: close = Q_DCURLY; break;
        case 0x2018: open = Q_SCURLY; break;
        case 0x2019: if (!is_alpha(next)) close = Q_SCURLY; break;
        case 0x00AB: open = Q_GUIL; break;
        case 0x00BB: close = Q_GUIL; break;
        case '"':
            if (open_in(stack, top, Q_DSTRAIGHT) && prev != 0 &&
                !is_space(prev))
                close = Q_DSTRAIGHT;
            else if (next != 0 && !is_space(next))
                open = Q_DSTRAIGHT;
            break;
        case '\'':
            if (open_in(stack, top, Q_SSTRAIGHT) && prev != 0 &&
                !is_space(prev) && !is_alpha(next))
                close = Q_SSTRAIGHT;
            else if ((prev == 0 || is_space(prev) || is_opening(prev)) &&
                     next != 0 && !is_space(next))
                open = Q_SSTRAIGHT;
            break;
        default: break;
        }
        if (open >= 0 && top < QDEPTH) {
            stack[top].kind = open;
            stack[top++].pos = i;
        } else if (close >= 0) {
            for (int k = top - 1; k >= 0 && k >= top - 4; k--)
                if (stack[k].kind == close) {
                    st->depth[stack[k].pos + 1 - st->b]++;
                    st->depth[i - st->b]--;
                    if (add_range(st, stack[k].pos, i) != AL_OK)
                        return AL_ENOMEM;
                    top = k;
                    break;
                }
        }
        i += m;
    }
    for (size_t k = 1; k < n; k++)
        st->depth[k] += st->depth[k - 1];
    return AL_OK;
}

static int32_t depth_at(const seg_state *st, size_t i)
{
    return st->lang == AL_LANG_EN && i < st->e ? st->depth[i - st->b] : 0;
}

/* ---- the decision at a lone period ---- */

/* What follows a mark: the first character after white space, with
 * opening quotes and brackets skipped. */
typedef struct {
    size_t pos;              /* first character after the white space */
    size_t word;             /* first letter or digit (after openers) */
    int32_t c;               /* character at POS */
    int32_t w;               /* character at WORD (0 if none) */
    bool newline;            /* a line break lies between */
} next_info;

static bool is_roman_upper(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr("IVXLCDM", s[i]))
            return false;
    return n > 0;
}

/* Class of the abbreviation ending at P (s[p] == '.'), looking at the last
 * one, two and three tokens ("z. B.", "av. J.-C.", "u. a. m."); -1 if none.
 * WB is the start of the last token. */
static int abbrev_before(const seg_state *st, size_t wb, size_t p)
{
    const char *s = st->s;
    size_t b = wb;
    int best = abbrev_class(st->ab, s + wb, p + 1 - wb);
    for (int k = 0; k < 2; k++) {        /* one more token, one space back */
        if (b < st->b + 2 || s[b - 1] != ' ' || s[b - 2] != '.')
            break;
        size_t pb = token_start(st, b - 1);
        if (pb >= b - 1)
            break;
        b = pb;
        int c = abbrev_class(st->ab, s + b, p + 1 - b);
        if (c >= 0)
            best = c;
    }
    return best;
}

/* Is the period at P a sentence end, the next text being NX? */
static bool period_ends(seg_state *st, size_t p, const next_info *nx)
{
    const char *s = st->s;
    size_t wb = token_start(st, p);
    if (wb == p)
        return true;                         /* lone "." */
    bool upper = is_upper(nx->w) || (nx->w == 0 && !is_digit(nx->c));
    bool digit = is_digit(nx->c);
    bool lower = is_lower(nx->w) && !upper;
    /* the word without closing marks: "(Smith 55)." is a plain end */
    size_t we = p;
    bool closed = false;
    while (we > wb && strchr(")]\"'", s[we - 1]) != NULL)
        we--, closed = true;
    if (closed)
        return !lower || nx->newline;
    int cls = p - wb + 1 < WORD_MAX ? abbrev_before(st, wb, p) : -1;
    if (cls == AB_NUMERIC && !digit)
        cls = -1;
    if (cls == AB_PREFIX || (cls >= 0 && (digit || lower)))
        return false;
    if (cls == AB_FINAL)
        return upper;
    bool starter = upper && starter_at(st, nx->word);
    if (cls == AB_END)
        return starter;
    /* classify the word: letters, digits, periods, other */
    size_t letters = 0, digits = 0, periods = 0, other = 0, chars = 0;
    bool caps = true;
    for (size_t i = wb; i < we;) {
        size_t n;
        int32_t c = cp_at(s, we, i, &n);
        chars++;
        if (is_alpha(c)) {
            letters++;
            if (!is_upper(c))
                caps = false;
        } else if (is_digit(c)) {
            digits++;
        } else if (c == '.') {
            periods++;
        } else if (c != '-' && c != 0x2019 && c != '\'') {
            other++;
        }
        i += n;
    }
    if (letters == 1 && chars == 1) {
        /* a capital is an initial ("J. R. R. Tolkien", "Thomas K."), but
         * English "you and I. Did"; a small letter is a unit ("18 h.") */
        if (is_upper(cp_at(s, we, wb, &chars)))
            return st->lang == AL_LANG_EN && s[wb] == 'I' && starter;
        return starter;
    }
    if (letters > 0 && periods > 0 && digits == 0 && other == 0 &&
        letters <= 2 * (periods + 1))        /* "U.S.", "i.v.", "z.B." */
        return lower ? false : starter;
    if (digit)          /* "N°. 1026", "rs. 1000", but "Paris. 1990 war" */
        return letters >= 4 && other == 0 && periods == 0 && digits == 0;
    if (digits > 0 && letters == 0 && other == 0 && periods == 0 &&
        digits <= 3) {
        /* a small number: an ordinal before a month ("6. Januar"), a range
         * ("1. -3. Jahrhundert") and, in German, before any capitalised
         * word that is not a sentence starter ("im 2. Weltkrieg") */
        if (lower || ordinal_word_at(st, nx->word))
            return false;
        if (is_dash(nx->c) && is_digit(nx->w))
            return false;
        if (st->lang == AL_LANG_DE && is_upper(nx->w) && !starter)
            return false;
        return true;
    }
    if (caps && letters >= 1 && letters <= 4 && is_roman_upper(s + wb, we - wb)
        && st->lang == AL_LANG_DE && lower)  /* "Ludwig XIV. war" */
        return false;
    /* a plain word: lowercase goes on, except after a line break
     * ("Tennis.\nspielen" in a list of answers) */
    return !lower || nx->newline;
}

/* ---- terminal runs ---- */

static next_info look_ahead(const seg_state *st, size_t q)
{
    next_info nx;
    memset(&nx, 0, sizeof nx);
    size_t i = q;
    while (i < st->e && is_space((unsigned char)st->s[i])) {
        if (st->s[i] == '\n')
            nx.newline = true;
        i++;
    }
    nx.pos = i;
    if (i >= st->e)
        return nx;
    size_t n;
    nx.c = cp_at(st->s, st->e, i, &n);
    size_t k = i;
    for (int guard = 0; k < st->e && guard < 4; guard++) {
        int32_t c = cp_at(st->s, st->e, k, &n);
        if (!is_opening(c) && !is_dash(c))
            break;
        k += n;
        while (k < st->e && st->s[k] == ' ' && guard < 3)
            k++;
    }
    nx.word = k;
    nx.w = k < st->e ? cp_at(st->s, st->e, k, &n) : 0;
    return nx;
}

/* Footnote references glued after a mark: "[1]", "[7][8]", "11", "11 12";
 * returns the end, or Q when there is none. */
static size_t footnote_end(const seg_state *st, size_t q)
{
    const char *s = st->s;
    size_t k = q;
    if (s[k] == '[') {
        while (k < st->e && s[k] == '[') {
            size_t d = k + 1;
            while (d < st->e && d - k <= 3 && is_digit((unsigned char)s[d]))
                d++;
            if (d == k + 1 || d >= st->e || s[d] != ']')
                break;
            k = d + 1;
        }
        return k;
    }
    for (int group = 0; group < 2; group++) {
        size_t d = k;
        while (d < st->e && d - k < 4 && is_digit((unsigned char)s[d]))
            d++;
        if (d == k || d - k > 3 || (d < st->e && !is_space(s[d])))
            return group == 0 ? q : k - 1;
        k = d;
        if (k >= st->e || s[k] != ' ' || k + 1 >= st->e ||
            !is_digit((unsigned char)s[k + 1]))
            return k;
        k++;
    }
    return k - 1;
}

/* Decides a mark glued to the next character (no space): a footnote
 * ("martyr.[1] The"), a fullwidth mark, or a sentence glued to the next one
 * ("dar.Bild: t-online", "1,000.That"). Returns the cut position or 0. */
static size_t glued_end(seg_state *st, size_t p, size_t q, int32_t mark)
{
    const char *s = st->s;
    if (is_wide_terminal(mark))
        return q;
    if (q - p != 1 || in_url(st, p))
        return 0;
    size_t ps, ps2, n, n2;
    int32_t before = cp_before(s, st->b, p, &ps);
    int32_t before2 = cp_before(s, st->b, ps, &ps2);
    if (!is_digit(before) && !is_space(before) && before != 0) {
        size_t f = footnote_end(st, q);
        if (f > q && f < st->e && s[f] == ' ' && f + 1 < st->e &&
            is_upper(cp_at(s, st->e, f + 1, &n)))
            return f;
    }
    int32_t nc = cp_at(s, st->e, q, &n);
    int32_t nc2 = q + n < st->e ? cp_at(s, st->e, q + n, &n2) : 0;
    if (!is_upper(nc) || !is_lower(nc2))
        return 0;
    bool word_before = is_lower(before) && is_lower(before2);
    bool number_before = false;
    if (is_digit(before)) {                  /* "1,000.That", not "2.Liga" */
        size_t k = p, digits = 0;
        bool sep = false;
        while (k > st->b && p - k < 16 &&
               (is_digit((unsigned char)s[k - 1]) || s[k - 1] == ',' ||
                s[k - 1] == '.')) {
            k--;
            if (is_digit((unsigned char)s[k]))
                digits++;
            else
                sep = true;
        }
        number_before = sep || digits >= 4;
    }
    if (!word_before && !number_before)
        return 0;
    /* "testurl.Awesome.com": another period inside the next word */
    for (size_t k = q; k < st->e && k - q < WORD_MAX && !is_space(s[k]); k++)
        if (s[k] == '.' && k + 1 < st->e && is_alpha((unsigned char)s[k + 1]))
            return 0;
    return q;
}

/* Is the '?' run at [R, Q) damage ("???? live"): two or more at a word
 * start? */
static bool damage_qmarks(const seg_state *st, size_t r, size_t q)
{
    return q - r >= 2 && (r == st->b || is_space(st->s[r - 1]));
}

/* Spaced ellipsis ". . ." starting at P; returns its end or P, *DOTS the
 * number of periods. */
static size_t spaced_ellipsis(const seg_state *st, size_t p, size_t *dots)
{
    const char *s = st->s;
    size_t k = p;
    *dots = 0;
    while (k < st->e && s[k] == '.') {
        ++*dots;
        if (k + 2 < st->e && s[k + 1] == ' ' && s[k + 2] == '.')
            k += 2;
        else
            break;
    }
    return *dots >= 3 ? k + 1 : p;
}

/* Handles the mark at P; returns where scanning goes on. */
static size_t terminal_run(seg_state *st, size_t p, int *rc)
{
    const char *s = st->s;
    size_t n;
    int32_t mark = cp_at(s, st->e, p, &n);
    size_t q = p + n;
    if (mark == '?') {
        while (q < st->e && s[q] == '?')
            q++;
        if (damage_qmarks(st, p, q))
            return q;
        q = p + 1;
    }
    if (mark == '.') {
        /* MLA style: ". . ." leaves words out inside a sentence; ". . . ."
         * (or "word. . . .") also ends it */
        size_t dots, se = spaced_ellipsis(st, p, &dots);
        if (se > p && (p == st->b || s[p - 1] == ' ')) {
            next_info nx = look_ahead(st, se);
            if (dots >= 4 && nx.pos < st->e && is_upper(nx.c))
                *rc = cut(st, se);
            return se;
        }
        if (p + 1 < st->e && s[p + 1] == ' ' &&
            (se = spaced_ellipsis(st, p + 2, &dots)) > p + 2) {
            /* "compounds. . . . The": the period ends; the ellipsis opens
             * the next sentence */
            next_info nx = look_ahead(st, se);
            if (nx.pos < st->e && is_upper(nx.c) && period_ends(st, p, &nx))
                *rc = cut(st, p + 1);
            st->last_q = p + 1;
            return se;
        }
    }
    /* the run: marks and closing quotes or brackets; French " »" too */
    bool only_period = mark == '.', ellipsis = mark == 0x2026;
    size_t dots = mark == '.';
    while (q < st->e) {
        int32_t c = cp_at(s, st->e, q, &n);
        if (is_terminal(c) || al_is_closing(c)) {
            if (c == '.')
                dots++;
            else if (is_terminal(c))
                only_period = false;
            if (c == 0x2026)
                ellipsis = true;
            q += n;
        } else if (c == ' ' && q + 1 < st->e &&
                   (cp_at(s, st->e, q + 1, &n) == 0x00BB || (n == 3 &&
                    cp_at(s, st->e, q + 1, &n) == 0x203A))) {
            q += 1 + n;
        } else {
            break;
        }
    }
    if (dots >= 2)
        ellipsis = true, only_period = false;
    /* "[…]", "(...)": an elision, not an end */
    size_t ps, dots_end = p;
    int32_t before = cp_before(s, st->b, p, &ps);
    while (dots_end < q && (s[dots_end] == '.' ||
                            (unsigned char)s[dots_end] >= 0x80))
        dots_end += s[dots_end] == '.' ? 1 : 3;
    if (ellipsis && (before == '[' || before == '(') && dots_end < st->e &&
        (s[dots_end] == ']' || s[dots_end] == ')'))
        return dots_end + 1;
    /* English: inside quotes or brackets nothing ends */
    int32_t d = depth_at(st, p);
    bool closes_quote = false;
    if (d > 0) {
        if (q < st->e && depth_at(st, q) > 0)
            return q;
        closes_quote = true;
    }
    if (q >= st->e)
        return q;
    if (!is_space((unsigned char)s[q])) {
        size_t at = glued_end(st, p, q, mark);
        if (at > 0)
            *rc = cut(st, at);
        return at > q ? at : q;
    }
    next_info nx = look_ahead(st, q);
    if (nx.pos >= st->e)
        return q;
    st->last_q = q;
    bool end;
    if (closes_quote) {
        /* a quotation or parenthesis ends its sentence before a capital;
         * before "(" or another quote only when it began the sentence:
         * '"… think!" (Dinah was the cat.) "I hope …"' */
        long open = range_closed_in(st, p, q);
        end = is_upper(nx.c) || is_digit(nx.c) ||
              (open >= 0 && sentence_starts_at(st, (size_t)open) &&
               is_opening(nx.c) && is_upper(nx.w));
    } else if ((strchr(",;:)]}", nx.c) != NULL && nx.c != 0) ||
               is_terminal(nx.c)) {
        end = false;                          /* "! ! !" */
    } else if (is_dash(nx.c) && is_lower(nx.w)) {
        end = false;                          /* "voila! -- you have cake" */
    } else if (is_lower(nx.w) || (nx.c == 0x00BB || nx.c == 0x201D)) {
        end = nx.newline && (!only_period || period_ends(st, p, &nx)) &&
              !ellipsis;
    } else if (only_period) {
        end = period_ends(st, p, &nx);
    } else if (mark == '!' && st->ab != NULL) {
        size_t wb = token_start(st, p);
        end = al_strtab_id(st->ab->exclaim, s + wb, p + 1 - wb, false) < 0;
    } else {
        end = true;
    }
    if (end)
        *rc = cut(st, q);
    return q;
}

/* English: a quotation broken off with a dash ends its sentence before a
 * capital: '"If you please, sir--" The Rabbit started'. The closing quote
 * is [I, Q). */
static int interrupted_quote(seg_state *st, size_t i, size_t q)
{
    if (i == st->b || depth_at(st, i - 1) <= 0 || depth_at(st, i) > 0)
        return AL_OK;
    size_t ps;
    int32_t before = cp_before(st->s, st->b, i, &ps);
    if (!is_dash(before) || q >= st->e || st->s[q] != ' ')
        return AL_OK;
    next_info nx = look_ahead(st, q);
    return nx.pos < st->e && is_upper(nx.c) ? cut(st, q) : AL_OK;
}

/* ---- line breaks ---- */

/* English title-case line ("Putter King Scavenger Hunt Trophy"): every
 * word of four letters or more capitalised, at least two of them. */
static bool title_case(const seg_state *st, size_t b, size_t e)
{
    size_t words = 0;
    for (size_t i = b; i < e;) {
        while (i < e && !is_alpha((unsigned char)st->s[i]) &&
               (unsigned char)st->s[i] < 0x80)
            i++;
        size_t ws = i, letters = 0, n;
        int32_t first = i < e ? cp_at(st->s, e, i, &n) : 0;
        while (i < e) {
            int32_t c = cp_at(st->s, e, i, &n);
            if (!is_alpha(c))
                break;
            letters++;
            i += n;
        }
        if (i == ws) {
            i += i < e ? 1 : 0;
            continue;
        }
        if (letters >= 4) {
            if (!is_upper(first))
                return false;
            words++;
        }
    }
    return words >= 2;
}

/* The line break at I, the line starting at LS. */
static int line_break(seg_state *st, size_t ls, size_t i)
{
    const char *s = st->s;
    if (line_is_item(st, i + 1))
        return cut(st, i + 1);
    size_t j = i;
    while (j > ls && s[j - 1] == ' ')
        j--;
    if (st->last_q == j && j > ls)
        return AL_OK;                          /* judged as a mark */
    size_t k = i + 1, n = 1, ps;
    while (k < st->e && s[k] == ' ')
        k++;
    int32_t nc = k < st->e ? cp_at(s, st->e, k, &n) : 0;
    int32_t nc2 = k + n < st->e ? cp_at(s, st->e, k + n, &n) : 0;
    int32_t last = cp_before(s, ls, j, &ps);
    int32_t last2 = cp_before(s, ls, ps, &ps);
    if (last == ',' || last == ';' || last == '(' || last == '/' ||
        last == '&' || (last == '-' && is_alpha(last2)))
        return AL_OK;
    bool lower_next = is_lower(nc) || (nc == '(' && !is_upper(nc2));
    if (last == ':')
        return lower_next ? AL_OK : cut(st, i + 1);
    size_t sb = st->start;
    while (sb < j && is_space((unsigned char)s[sb]))
        sb++;
    int32_t first = sb < j ? cp_at(s, j, sb, &n) : 0;
    if (lower_next && !is_lower(first) &&
        !(st->lang == AL_LANG_EN && title_case(st, ls, j)))
        return AL_OK;                          /* hard-wrapped text */
    /* PDF-style wrap: "eine möglichst problemlose \nSchwangerschaft" */
    if (j < i && is_lower(last) && is_alpha(nc) && !is_lower(first))
        return AL_OK;
    return cut(st, i + 1);
}

/* ---- paragraphs ---- */

static int split_para(seg_state *st, size_t b, size_t e)
{
    const char *s = st->s;
    st->b = b;
    st->e = e;
    st->start = b;
    st->last_q = (size_t)-1;
    st->tok_b = st->tok_e = 0;
    if (find_markers(st) != AL_OK)
        return AL_ENOMEM;
    if (st->lang == AL_LANG_EN && compute_depth(st) != AL_OK)
        return AL_ENOMEM;
    int rc = AL_OK;
    size_t i = b, ls = b;
    while (rc == AL_OK && i < e) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') {
            rc = line_break(st, ls, i);
            ls = ++i;
            continue;
        }
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '(') {
            const marker *m = list_marker_at(st, i);
            if (m != NULL) {
                size_t j = i, ps;
                while (j > b && s[j - 1] == ' ')
                    j--;
                int32_t before = cp_before(s, b, j, &ps);
                if (!is_bullet(before))
                    rc = cut(st, i);           /* "• 2." cut at the bullet */
                i = m->end;
                continue;
            }
            i++;
            continue;
        }
        if (c < 0x80 && c != '.' && c != '!' && c != '?' && c != '"') {
            i++;
            continue;
        }
        size_t n;
        int32_t cp = cp_at(s, e, i, &n);
        if ((cp == '"' || cp == 0x201D) && st->lang == AL_LANG_EN) {
            rc = interrupted_quote(st, i, i + n);
            i += n;
            continue;
        }
        if (is_bullet(cp)) {
            size_t ps;
            int32_t before = cp_before(s, b, i, &ps);
            if (before == ' ')
                rc = cut(st, i);               /* inline "• 10. item" */
            i += n;
            continue;
        }
        if (is_terminal(cp)) {
            i = terminal_run(st, i, &rc);
            continue;
        }
        i += n;
    }
    if (rc == AL_OK)
        rc = push(st, st->start, e);
    return rc;
}

static bool has_letter(const seg_state *st, const al_sent *x)
{
    for (size_t i = x->start, e = x->start + x->len; i < e;) {
        size_t n;
        if (is_alpha(cp_at(st->s, e, i, &n)))
            return true;
        i += n;
    }
    return false;
}

/* Can split_para find two sentences with letters in [B, E)? Not when no
 * letter or digit follows a mark where it may cut: a terminal (. ! ? the
 * ellipsis, the wide ones), ':' or a terminal before a list marker, a
 * bullet, an English closing quotation mark (" and U+201D): all its cuts
 * would come after the last letter. Most lines of presegmented text end in
 * their only mark. */
static bool may_split(const seg_state *st, size_t b, size_t e)
{
    bool mark = false;
    size_t n;
    for (size_t i = b; i < e; i += n) {
        unsigned char c = (unsigned char)st->s[i];
        int32_t cp = c < 0x80 ? (n = 1, c) : cp_at(st->s, e, i, &n);
        if (is_alpha(cp) || is_digit(cp)) {
            if (mark)
                return true;
        } else if (is_terminal(cp) || cp == ':' || is_bullet(cp) ||
                   cp == '"' || cp == 0x201D) {
            mark = true;
        }
    }
    return false;
}

/* One sentence per line; each line's parts are the sentences split_para
 * finds in it (another segmenter's sentence may hold two of ours: Text+Berg
 * keeps "8848 m. Das ist" together). */
static int split_lines(seg_state *st, size_t b, size_t e)
{
    size_t i = b;
    while (i < e) {
        const char *nl = memchr(st->s + i, '\n', e - i);
        size_t le = nl ? (size_t)(nl - st->s) : e;
        size_t before = st->n, parts = 0;  /* the sentences with a letter */
        if (may_split(st, i, le)) {
            if (split_para(st, i, le) != AL_OK)
                return AL_ENOMEM;
            for (size_t k = before; k < st->n; k++)
                parts += has_letter(st, &st->out[k]);
            st->n = before;
        }
        if (push(st, i, le) != AL_OK)
            return AL_ENOMEM;
        if (st->n > before && parts > 1)
            st->out[before].parts = (uint32_t)parts;
        i = le + 1;
    }
    return AL_OK;
}

int al_segment(const char *text, size_t len, const al_abbrev *abbrev,
               al_lang lang, bool preseg, al_sent **out, size_t *n_out,
               size_t *n_paras, al_error *err)
{
    seg_state st;
    memset(&st, 0, sizeof st);
    st.s = text;
    st.len = len;
    st.ab = abbrev;
    st.lang = lang;
    size_t i = 0;
    int rc = AL_OK;
    while (rc == AL_OK && i < len) {
        /* Skip blank lines, then take lines up to the next blank line. */
        while (i < len && (text[i] == '\n' || text[i] == ' '))
            i++;
        if (i >= len)
            break;
        size_t e = i;
        for (;;) {
            const char *nl = memchr(text + e, '\n', len - e);
            if (nl == NULL) {
                e = len;
                break;
            }
            size_t k = (size_t)(nl - text) + 1;
            while (k < len && text[k] == ' ')
                k++;
            if (k >= len || text[k] == '\n') {
                e = (size_t)(nl - text);
                break;
            }
            e = (size_t)(nl - text) + 1;
        }
        size_t before = st.n;
        rc = preseg ? split_lines(&st, i, e) : split_para(&st, i, e);
        if (st.n > before)
            st.para++;
        i = e;
    }
    free(st.depth);
    free(st.rng);
    free(st.mk);
    if (rc != AL_OK) {
        free(st.out);
        return al_fail(err, AL_ENOMEM, "out of memory while segmenting");
    }
    *out = st.out;
    *n_out = st.n;
    *n_paras = st.para;
    return AL_OK;
}
