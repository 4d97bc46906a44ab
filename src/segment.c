/*
 * segment.c - paragraphs and sentences of normalized text.
 *
 * Paragraphs end at blank lines. Inside a paragraph a sentence ends
 *  - after . ! ? … (and closing quotes or brackets) followed by a space and
 *    something that can start a sentence, unless the word before the period
 *    is an abbreviation, an initial, or an ordinal number;
 *  - after a period glued to a capitalised word ("dar.Bild: t-online");
 *  - at a line break when the line has no final punctuation and the next
 *    line does not continue it in lowercase (headings, bylines, list items).
 * In presegmented mode each non-blank line is one sentence.
 */
#include "config.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- abbreviation lists ---- */

struct al_abbrev {
    al_strtab *words;
};

al_abbrev *al_abbrev_load(const char *path, al_error *err)
{
    char *data;
    size_t len;
    if (al_read_file(path, &data, &len, err) != AL_OK)
        return NULL;
    al_abbrev *a = al_calloc(1, sizeof *a);
    if (a == NULL || (a->words = al_strtab_new()) == NULL) {
        free(a);
        free(data);
        al_fail(err, AL_ENOMEM, "%s: out of memory", path);
        return NULL;
    }
    char *line = data;
    while (line < data + len) {
        char *nl = memchr(line, '\n', (size_t)(data + len - line));
        size_t n = nl ? (size_t)(nl - line) : (size_t)(data + len - line);
        size_t w = strcspn(line, "\t\r\n");
        if (w > n)
            w = n;
        if (w > 0 && line[0] != '#' &&
            al_strtab_id(a->words, line, w, true) < 0) {
            al_abbrev_free(a);
            free(data);
            al_fail(err, AL_ENOMEM, "%s: out of memory", path);
            return NULL;
        }
        line += n + 1;
    }
    free(data);
    return a;
}

void al_abbrev_free(al_abbrev *a)
{
    if (a == NULL)
        return;
    al_strtab_free(a->words);
    free(a);
}

bool al_abbrev_has(const al_abbrev *a, const char *word, size_t n)
{
    if (a == NULL || n == 0)
        return false;
    if (al_strtab_id(a->words, word, n, false) >= 0)
        return true;
    /* "Bzw." at the start of a sentence is still "bzw.". */
    if (n < 64 && word[0] >= 'A' && word[0] <= 'Z') {
        char low[64];
        memcpy(low, word, n);
        low[0] = (char)(low[0] - 'A' + 'a');
        return al_strtab_id(a->words, low, n, false) >= 0;
    }
    return false;
}

/* ---- character classes ---- */

static int32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
    int32_t cp;
    size_t m = al_utf8_decode((const unsigned char *)s + i, len - i, &cp);
    *n = m ? m : 1;
    return cp;
}

/* Code point before offset I (0 at the start). */
static int32_t cp_before(const char *s, size_t i, size_t *start)
{
    if (i == 0) {
        *start = 0;
        return 0;
    }
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    int32_t cp;
    if (al_utf8_decode((const unsigned char *)s + j, i - j, &cp) == 0)
        cp = (unsigned char)s[j];
    *start = j;
    return cp;
}

static bool is_upper(int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
           utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
}

static bool is_lower(int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static bool is_alpha(int32_t cp)
{
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

static bool is_closing(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
           cp == 0x201D || cp == 0x2019 || cp == 0x00BB || cp == 0x201C ||
           cp == 0x203A;
}

static bool is_opening(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == '(' || cp == '[' ||
           cp == 0x201E || cp == 0x201C || cp == 0x00AB || cp == 0x2018 ||
           cp == 0x201A || cp == 0x2039 || cp == 0x00BF || cp == 0x00A1;
}

static bool is_terminal(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

/* Can CP start a sentence? */
static bool starts_sentence(int32_t cp)
{
    return is_upper(cp) || is_digit(cp) || is_opening(cp) || cp == '-' ||
           cp == 0x2013 || cp == 0x2014 || cp == 0x2022 || cp == '*' ||
           (!is_alpha(cp) && cp > 0x2000 && !is_closing(cp));
}

/* ---- sentence ends inside a paragraph ---- */

typedef struct {
    const char *s;
    size_t len;
    const al_abbrev *abbrev;
    al_lang lang;
    al_sent *out;
    size_t n, cap;
    uint32_t para;
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
        size_t cap = st->cap ? st->cap * 2 : 256;
        al_sent *o = al_realloc_array(st->out, cap, sizeof *o);
        if (o == NULL)
            return AL_ENOMEM;
        st->out = o;
        st->cap = cap;
    }
    al_sent *x = &st->out[st->n++];
    memset(x, 0, sizeof *x);
    x->start = (uint32_t)b;
    x->len = (uint32_t)(e - b);
    x->para = st->para;
    return AL_OK;
}

static const char *const months_de[] = {
    "Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli",
    "August", "September", "Oktober", "November", "Dezember", NULL
};

static bool word_in(const char *w, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i] != NULL; i++)
        if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
            return true;
    return false;
}

/* Is the period at P (s[p] == '.') a sentence end, given that the text after
 * it (at NEXT, past spaces) starts with code point NC? */
static bool period_ends(const seg_state *st, size_t p, size_t next, int32_t nc)
{
    const char *s = st->s;
    size_t wb = p;                       /* start of the word before '.' */
    while (wb > 0 && !is_space((unsigned char)s[wb - 1]) &&
           !is_opening((unsigned char)s[wb - 1]))
        wb--;
    size_t wn = p + 1 - wb;              /* with the period */
    if (wn == 1)
        return true;                     /* lone "." */
    if (al_abbrev_has(st->abbrev, s + wb, wn))
        return false;
    /* Initials and one-letter abbreviation parts: "J.", "z." of "z. B." */
    size_t cl;
    int32_t first = cp_at(s, st->len, wb, &cl);
    if (wb + cl == p && is_alpha(first))
        return false;
    /* Inner periods ("U.S.", "z.B.", "e.g.") mark an abbreviation. */
    if (memchr(s + wb, '.', p - wb) != NULL && is_alpha(first) &&
        !is_upper(nc))
        return false;
    if (is_lower(nc))
        return false;
    /* German ordinals: "am 6. Januar", "der 3. Mai". */
    bool digits = true;
    for (size_t i = wb; i < p; i++)
        if (!is_digit((unsigned char)s[i]))
            digits = false;
    if (digits && st->lang == AL_LANG_DE && p - wb <= 2) {
        size_t we = next;
        while (we < st->len && !is_space((unsigned char)s[we]) &&
               s[we] != '.' && s[we] != ',')
            we++;
        if (word_in(s + next, we - next, months_de))
            return false;
    }
    return true;
}

/* True when the terminal run [P, Q) is one period and closing marks. */
static bool lone_period(const char *s, size_t p, size_t q)
{
    if (s[p] != '.')
        return false;
    for (size_t i = p + 1; i < q; i++)
        if (s[i] == '.' || s[i] == '!' || s[i] == '?' ||
            (i + 2 < q && memcmp(s + i, "\xE2\x80\xA6", 3) == 0))
            return false;
    return true;
}

/* Is the '?' at I part of a run of two or more that stands for lost
 * characters (an emoji or letters damaged in conversion: "???? live")?
 * Such a run starts a word; a sentence-final "Wirklich??" does not. */
static bool damage_qmarks(const char *s, size_t b, size_t e, size_t i)
{
    size_t r = i;
    while (r > b && s[r - 1] == '?')
        r--;
    size_t q = i;
    while (q < e && s[q] == '?')
        q++;
    return q - r >= 2 && (r == b || s[r - 1] == ' ' || s[r - 1] == '\n');
}

/* Splits [B, E) of one paragraph's line run into sentences. */
static int split_run(seg_state *st, size_t b, size_t e)
{
    const char *s = st->s;
    size_t start = b, i = b;
    while (i < e) {
        size_t n;
        int32_t cp = cp_at(s, e, i, &n);
        if (cp == '\n') {
            /* A line without final punctuation followed by a line that does
             * not continue it in lowercase is a sentence of its own. */
            size_t ps;
            size_t j = i;
            while (j > start && s[j - 1] == ' ')
                j--;
            int32_t last = cp_before(s, j, &ps);
            if (last == '?' && damage_qmarks(s, start, j, j - 1))
                last = 'x';
            size_t k = i + 1;
            while (k < e && s[k] == ' ')
                k++;
            size_t m;
            int32_t nc = k < e ? cp_at(s, e, k, &m) : 0;
            bool cont = is_lower(nc) || last == ',' || last == ';' ||
                        last == ':' || last == '-' || last == '(' ||
                        is_terminal(last) || is_closing(last);
            if (!cont) {
                if (push(st, start, i) != AL_OK)
                    return AL_ENOMEM;
                start = i + 1;
            }
            i += n;
            continue;
        }
        if (!is_terminal(cp) || (cp == '?' && damage_qmarks(s, b, e, i))) {
            i += n;
            continue;
        }
        /* A run of terminal marks and closing quotes/brackets. */
        size_t p = i, q = i + n;
        while (q < e) {
            int32_t c2 = cp_at(s, e, q, &n);
            if (!is_terminal(c2) && !is_closing(c2))
                break;
            q += n;
        }
        if (q >= e) {
            i = q;
            continue;
        }
        int32_t after = cp_at(s, e, q, &n);
        size_t next = q;
        while (next < e && is_space((unsigned char)s[next]))
            next++;
        if (next >= e) {
            i = q;
            continue;
        }
        int32_t nc = cp_at(s, e, next, &n);
        bool end;
        if (!is_space(after)) {
            /* Glued: "dar.Bild: t-online", "Ende!Weiter". The word before
             * must be lowercase letters, the word after capitalised and
             * continued in lowercase; "U.S.A." and "z.B." stay whole. */
            size_t ps, n2;
            int32_t before = cp_before(s, p, &ps);
            int32_t before2 = ps > 0 ? cp_before(s, ps, &ps) : 0;
            int32_t nc2 = next + n < e ? cp_at(s, e, next + n, &n2) : 0;
            end = q - p == 1 && is_lower(before) && is_lower(before2) &&
                  is_upper(nc) && is_lower(nc2);
        } else if (!starts_sentence(nc)) {
            end = false;
        } else if (lone_period(s, p, q)) {
            end = period_ends(st, p, next, nc);
        } else {
            end = true;
        }
        if (end) {
            if (push(st, start, q) != AL_OK)
                return AL_ENOMEM;
            start = q;
        }
        i = q;
    }
    return push(st, start, e);
}

static int split_lines(seg_state *st, size_t b, size_t e)
{
    size_t i = b;
    while (i < e) {
        const char *nl = memchr(st->s + i, '\n', e - i);
        size_t le = nl ? (size_t)(nl - st->s) : e;
        if (push(st, i, le) != AL_OK)
            return AL_ENOMEM;
        i = le + 1;
    }
    return AL_OK;
}

int al_segment(const char *text, size_t len, const al_abbrev *abbrev,
               al_lang lang, bool preseg, al_sent **out, size_t *n_out,
               size_t *n_paras, al_error *err)
{
    seg_state st = {text, len, abbrev, lang, NULL, 0, 0, 0};
    size_t i = 0;
    int rc = AL_OK;
    while (rc == AL_OK && i < len) {
        /* Skip blank lines, then take lines up to the next blank line. */
        while (i < len && (text[i] == '\n' || text[i] == ' '))
            i++;
        if (i >= len)
            break;
        size_t ls = i;
        while (ls > 0 && text[ls - 1] == ' ')
            ls--;
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
        rc = preseg ? split_lines(&st, i, e) : split_run(&st, i, e);
        if (st.n > before)
            st.para++;
        i = e;
    }
    if (rc != AL_OK) {
        free(st.out);
        return al_fail(err, AL_ENOMEM, "out of memory while segmenting");
    }
    *out = st.out;
    *n_out = st.n;
    *n_paras = st.para;
    return AL_OK;
}
