/*
 * check_surface.c - checks on characters rather than words.
 *
 * encoding     damage in the translation that its source does not have
 *              (error): U+FFFD, C0/C1 control characters, mojibake (UTF-8
 *              read as Latin-1/Windows-1252: "Ã¤", "â€™"), and question
 *              marks standing for lost characters: runs of "??" the source
 *              does not have, a "?" inside a word ("Gr?e"), a lone "?"
 *              inside a sentence ("Malgr? son") where the source has none,
 *              or more "?" than the source where the source has emoji or
 *              symbols that the translation lacks ("🧀" -> "?");
 * punctuation  brackets ( [ { left open or closed in the translation but
 *              not in the source (list markers "a )", "2)" are not
 *              brackets), an odd number of double quotation marks where the
 *              source has a quotation with an even number, a question in
 *              one side and none in the other (warning).
 * The scans read the original text, so spans need no mapping; each is one
 * pass over the bead's characters.
 */
#include "config.h"
#include "check.h"

#include <string.h>
#include <utf8proc.h>

typedef struct {
    size_t fffd, control, mojibake, qruns, qinword, qmarks, qlone, symbols;
    size_t qmid, qfinal;     /* lone ? inside a sentence, at its end */
    size_t first_qmid;
    size_t first[4];          /* original offset of the first of each kind */
    size_t first_end[4];
    size_t open_paren, close_paren, quotes;
    size_t first_paren, first_quote;   /* offsets, for spans */
    size_t first_quote_len;
    size_t last_qlone;
} surface;

enum { K_FFFD, K_CONTROL, K_MOJIBAKE, K_QMARKS };

static bool letter(int32_t cp)
{
    utf8proc_category_t k = utf8proc_category(cp);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static bool lower(int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* Emoji and other symbols that conversions turn into "?". */
static bool symbol(int32_t cp)
{
    return cp >= 0x2600 && (utf8proc_category(cp) == UTF8PROC_CATEGORY_SO ||
                            cp >= 0x1F000);
}

/* Is the ')' at S[I] the end of a list marker ("a )", "b)", "2)": one
 * lowercase letter or digit) at the start of the sentence or after ; or :?
 * ("H . C )" is an abbreviation cut by the segmenter, not a marker.) */
static bool list_marker(const char *s, size_t i)
{
    size_t k = i;
    while (k > 0 && s[k - 1] == ' ')
        k--;
    size_t end = k;
    while (k > 0 && ((s[k - 1] >= '0' && s[k - 1] <= '9') ||
                     (s[k - 1] >= 'a' && s[k - 1] <= 'z')))
        k--;
    if (end - k != 1)                  /* one letter or digit */
        return false;
    while (k > 0 && s[k - 1] == ' ')
        k--;
    return k == 0 || s[k - 1] == ';' || s[k - 1] == ':';
}

static void note(surface *f, int kind, size_t *count, size_t b, size_t e)
{
    if ((*count)++ == 0) {
        f->first[kind] = b;
        f->first_end[kind] = e;
    }
}

/* Is S[I..N) only white space and closing quotes or brackets? */
static bool only_closing(const char *s, size_t i, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    while (i < n) {
        int32_t cp;
        size_t m = al_utf8_decode(u + i, n - i, &cp);
        if (m == 0)
            m = 1;
        if (cp != ' ' && cp != '\n' && !al_is_closing(cp))
            return false;
        i += m;
    }
    return true;
}

/* Scans original bytes S[0..N) at offset BASE of the text. */
static void scan(const char *s, size_t n, size_t base, surface *f)
{
    const unsigned char *u = (const unsigned char *)s;
    int32_t prev = 0, before_run = 0;
    size_t prev_at = 0, run = 0, run_at = 0;
    for (size_t i = 0; i <= n;) {
        int32_t cp = 0;
        size_t m = 1;
        if (i < n) {
            m = al_utf8_decode(u + i, n - i, &cp);
            if (m == 0)
                m = 1;
        }
        if (cp == '?') {
            if (run++ == 0) {
                run_at = i;
                before_run = prev;
            }
            f->qmarks++;
        } else if (run > 0) {
            if (run >= 2)
                note(f, K_QMARKS, &f->qruns, base + run_at, base + i);
            else if (letter(before_run) && letter(cp) && lower(cp))
                note(f, K_QMARKS, &f->qinword, base + run_at, base + i);
            else {
                f->qlone++;
                f->last_qlone = base + run_at;
                if (only_closing(s, i, n))
                    f->qfinal++;
                else if (f->qmid++ == 0)
                    f->first_qmid = base + run_at;
            }
            run = 0;
        }
        if (i == n)
            break;
        if (cp == 0xFFFD)
            note(f, K_FFFD, &f->fffd, base + i, base + i + m);
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
            cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
            note(f, K_CONTROL, &f->control, base + i, base + i + m);
        if (al_mojibake_pair(prev, cp))
            note(f, K_MOJIBAKE, &f->mojibake, base + prev_at, base + i + m);
        if (symbol(cp))
            f->symbols++;
        if ((cp == '(' || cp == '[' || cp == '{') ||
            ((cp == ')' || cp == ']' || cp == '}') && !list_marker(s, i))) {
            if (f->open_paren + f->close_paren == 0)
                f->first_paren = base + i;
            if (cp == '(' || cp == '[' || cp == '{')
                f->open_paren++;
            else
                f->close_paren++;
        }
        if (al_is_double_quote(cp) && f->quotes++ == 0) {
            f->first_quote = base + i;
            f->first_quote_len = m;
        }
        prev = cp;
        prev_at = i;
        i += m;
    }
}

static void scan_side(const ck_ctx *c, int side, surface *f)
{
    size_t begin, n;
    ck_bead_side(c, side, &begin, &n);
    memset(f, 0, sizeof *f);
    const al_text *t = c->t[side];
    for (size_t i = begin; i < begin + n; i++)
        scan(t->orig + t->sents[i].ostart, t->sents[i].olen,
             t->sents[i].ostart, f);
}

/* Both sides' scans of a bead, kept for the checks that read them
 * (encoding, punctuation): each text is scanned once. */
struct ck_surfaces {
    const al_bead *b;        /* the bead scanned, or NULL */
    surface s[2];
};

/* The scans of the current bead into *S and *T: from C's cache, or made
 * (and cached when there is memory for it). */
static void scan_bead(ck_ctx *c, surface *s, surface *t)
{
    if (c->surf == NULL)
        c->surf = al_calloc(1, sizeof *c->surf);
    if (c->surf != NULL && c->surf->b == c->b) {
        *s = c->surf->s[AL_SOURCE];
        *t = c->surf->s[AL_TARGET];
        return;
    }
    scan_side(c, AL_SOURCE, s);
    scan_side(c, AL_TARGET, t);
    if (c->surf != NULL) {
        c->surf->b = c->b;
        c->surf->s[AL_SOURCE] = *s;
        c->surf->s[AL_TARGET] = *t;
    }
}

void ck_surfaces_free(ck_ctx *c)
{
    free(c->surf);
    c->surf = NULL;
}

/* Adds a flag with a span already in original offsets. */
static void flag_orig(ck_ctx *c, al_flag_code code, al_severity sev,
                      size_t b, size_t e, const char *what)
{
    if (c->rc != AL_OK)
        return;
    c->rc = al_result_add_flag(c->r, c->bi, code, sev, AL_TARGET, b, e, "%s",
                               what);
}

void ck_check_encoding(ck_ctx *c)
{
    surface s, t;
    scan_bead(c, &s, &t);
    char msg[256];
    const char *orig = c->t[AL_TARGET]->orig;
    if (t.fffd > s.fffd) {
        flag_orig(c, AL_FLAG_ENCODING, AL_ERROR, t.first[K_FFFD],
                  t.first_end[K_FFFD], "the translation contains "
                  "replacement characters (U+FFFD) where characters were "
                  "lost");
        return;
    }
    if (t.mojibake > s.mojibake) {
        size_t b = t.first[K_MOJIBAKE], e = t.first_end[K_MOJIBAKE];
        snprintf(msg, sizeof msg, "the translation contains mojibake "
                 "(UTF-8 read as Latin-1 or Windows-1252): %.*s",
                 (int)(e - b), orig + b);
        flag_orig(c, AL_FLAG_ENCODING, AL_ERROR, b, e, msg);
        return;
    }
    if (t.qruns > s.qruns || t.qinword > s.qinword) {
        size_t b = t.first[K_QMARKS], e = t.first_end[K_QMARKS];
        snprintf(msg, sizeof msg, "the translation has %.*s where the "
                 "source has %s: characters lost in a conversion",
                 (int)(e - b), orig + b,
                 s.symbols > t.symbols ? "emoji or symbols" : "letters");
        flag_orig(c, AL_FLAG_ENCODING, AL_ERROR, b, e, msg);
        return;
    }
    /* A lone ? inside a sentence ("Malgr? son", "? proprement") that the
     * source does not have: a question inside a sentence is rare, and the
     * source would ask it too. */
    if (t.qmid > s.qmid && s.symbols <= t.symbols) {
        size_t b = t.first_qmid;
        flag_orig(c, AL_FLAG_ENCODING, AL_ERROR, b, b + 1, "the translation "
                  "has ? inside a sentence where the source has none: "
                  "characters lost in a conversion");
        return;
    }
    if (s.symbols > t.symbols && t.qmarks > s.qmarks && t.qlone > 0) {
        flag_orig(c, AL_FLAG_ENCODING, AL_ERROR, t.last_qlone,
                  t.last_qlone + 1, "the translation has ? where the source "
                  "has emoji or symbols: characters lost in a conversion");
        return;
    }
    if (t.control > s.control)
        flag_orig(c, AL_FLAG_ENCODING, AL_ERROR, t.first[K_CONTROL],
                  t.first_end[K_CONTROL], "the translation contains control "
                  "characters");
}

/* Net open brackets of F. */
static long net(const surface *f)
{
    return (long)f->open_paren - (long)f->close_paren;
}

/* Original offset of the last sentence-final character of the target
 * side, for a span. */
static void last_char(const ck_ctx *c, size_t *b, size_t *e)
{
    const al_text *t = c->t[AL_TARGET];
    const al_sent *st = &t->sents[c->b->tgt_begin + c->b->tgt_len - 1];
    size_t end = (size_t)st->ostart + st->olen;
    size_t start = end;
    while (start > st->ostart &&
           ((unsigned char)t->orig[start - 1] & 0xC0) == 0x80)
        start--;
    if (start > st->ostart)
        start--;
    *b = start;
    *e = end;
}

void ck_check_punctuation(ck_ctx *c)
{
    surface s, t;
    scan_bead(c, &s, &t);
    long ns = net(&s), nt = net(&t);
    if (nt != 0 && nt != ns) {
        flag_orig(c, AL_FLAG_PUNCTUATION, AL_WARNING, t.first_paren,
                  t.first_paren + 1, nt > 0
                  ? "a bracket opened in the translation is not closed"
                  : "a bracket closed in the translation was not opened");
        return;
    }
    /* Only against a quotation of the source: French opens every paragraph
     * of a long quotation with « and closes only the last one. */
    if (t.quotes % 2 == 1 && s.quotes % 2 == 0 && s.quotes > 0) {
        flag_orig(c, AL_FLAG_PUNCTUATION, AL_WARNING, t.first_quote,
                  t.first_quote + t.first_quote_len, "a quotation in the translation is not "
                  "closed (an odd number of quotation marks)");
        return;
    }
    size_t b, e;
    if (s.qfinal > 0 && t.qfinal == 0) {
        last_char(c, &b, &e);
        flag_orig(c, AL_FLAG_PUNCTUATION, AL_WARNING, b, e,
                  "the source asks a question; the translation does not");
    } else if (t.qfinal > 0 && s.qfinal == 0 && t.qmid <= s.qmid &&
               s.symbols <= t.symbols) {
        last_char(c, &b, &e);
        flag_orig(c, AL_FLAG_PUNCTUATION, AL_WARNING, b, e,
                  "the translation asks a question; the source does not");
    }
}
