/*
 * check_name.c - a proper name, or a token written the same in every
 * language ("K2", "MiG-29"), on one side of a bead and missing on the other
 * (warning).
 *
 * A name is a capitalized word inside a sentence (not its first word, not
 * after ": . ! ?"), of three letters or more, that is no stop word, no
 * number or month word, no Roman numeral, and that hunspell of its language
 * rejects: dictionaries know the common words of a language and few names.
 * An English common word in German or French text ("Mount", "Glacier")
 * is taken for part of a name whose other words are checked.
 * German capitalizes every noun, so a German word also passes as common
 * when its Swiss spelling (ss for ß) or a split into two known words
 * ("Erstersteigung" = "Erst" + "Ersteigung") is accepted. Words that begin
 * with a letter and hold a digit count too ("K2").
 *
 * Document evidence: a candidate that occurs twice or more in its own text
 * and never in the other text is a term the translator translates
 * consistently, not a name, and is skipped. A German candidate must occur
 * in the other text somewhere (an unknown German noun is more often a
 * compound or a regional spelling than a name).
 *
 * A name is found on the other side when a word there folds to the same
 * letters ("Lhotse" = "Lhotsé"), when the parts of a hyphenated name are
 * there ("Chomo-Lungma" = "Chomo Lungma", "K2" = "K 2"), when a word there
 * shares its first five letters ("Kangchendzönga" ~ "Kangchenjunga",
 * "Hunza" ~ "Hunzalandes"), when a word there ends with it ("AlbertEggler"),
 * or is a close
 * spelling (inflection and transliteration: "Putins" ~ "Putin",
 * "Pjöngjang" ~ "Pyongyang"): same first four letters and a length within
 * three, or an edit distance of at most a third of the length. The close
 * comparison is made against at most MAX_FUZZY words, so a bead costs time
 * linear in its words.
 */
#include "config.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MAX_FUZZY 64
#define MAX_NAME 48          /* bytes of a folded name compared closely */
#define PREFIX 5             /* bytes of a shared folded prefix */
#define PREFIX_SALT 0x9E3779B97F4A7C15ULL
#define SUFFIX_SALT 0xC2B2AE3D27D4EB4FULL
#define SUFFIX_MIN 4         /* bytes of a name found at a word's end */
#define SUFFIX_MAX 12

typedef struct {
    al_buf arena;            /* folded words of the other side */
    uint32_t off[MAX_FUZZY], len[MAX_FUZZY];
    size_t n;
} fuzzy_list;

/* A Roman numeral, possibly with an ordinal suffix ("XIXe", "IIIrd",
 * "Ier", "XVIIème"). */
static bool is_roman_like(const char *s, size_t n)
{
    static const char *const suffixes[] = {"", "e", "er", "re", "es", "ème",
                                           "èmes", "eme", "st", "nd", "rd",
                                           "th"};
    size_t k = 0;
    while (k < n && s[k] != '\0' && strchr("IVXLCDM", s[k]) != NULL)
        k++;
    if (k == 0)
        return false;
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
        if (strlen(suffixes[i]) == n - k &&
            memcmp(suffixes[i], s + k, n - k) == 0)
            return true;
    return false;
}

/* Is the German word S (N bytes) a compound of two words hunspell knows,
 * the second one capitalized as a noun ("Erstersteigung", "Gebirgs" +
 * "Aufwölbung" with its linking s)? */
static bool german_compound(ck_ctx *c, int side, const char *s, size_t n)
{
    al_spell *sp = c->sp[side];
    char buf[128];
    if (sp == NULL || n >= sizeof buf)
        return false;
    for (size_t i = 3; i + 3 <= n; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue;                          /* not a character start */
        /* The right part as a noun: its first letter in uppercase. */
        int32_t cp;
        size_t m = al_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (m == 0)
            continue;
        size_t k = al_utf8_encode(utf8proc_toupper(cp), buf);
        memcpy(buf + k, s + i + m, n - i - m);
        size_t rn = k + n - i - m;
        if (!al_spell_check(sp, buf, rn))
            continue;
        if (al_spell_check(sp, s, i) ||
            (i > 3 && s[i - 1] == 's' && al_spell_check(sp, s, i - 1)))
            return true;
        /* "Gebirgs": the left part is a noun ending in e before the s. */
        if (i > 3 && s[i - 1] == 's' && i < sizeof buf) {
            memcpy(buf, s, i - 1);
            buf[i - 1] = 'e';
            if (al_spell_check(sp, buf, i))
                return true;
        }
    }
    return false;
}

/* Is word W of SIDE a name candidate? */
static bool is_candidate(ck_ctx *c, int side, ck_word *w)
{
    const char *s = ck_word_text(c, side, w);
    if (w->flags & CK_DIGIT)
        return w->letters >= 1 && w->len >= 2 &&
               (((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z') ||
                (unsigned char)s[0] >= 0xC3);
    if (!(w->flags & CK_UPPER) || (w->flags & CK_FIRST) || w->letters < 3 ||
        w->stop != 0 || w->cls != 0 || w->num >= 0 || w->month > 0 ||
        is_roman_like(s, w->len))
        return false;
    /* After a sentence-like break inside the line ("… : Der", "« Le") the
     * capital is the start of a sentence, not a name mark. */
    if (w->prevch == ':' || w->prevch == '.' || w->prevch == '!' ||
        w->prevch == '?')
        return false;
    /* The document tests first: they are cheap, and most capitalized
     * German words fail them. A term of the text that the other text never
     * has is no name; German capitalizes nouns, so an unknown capitalized
     * German word is a name only when the other text has it too. */
    uint32_t other = ck_counts_get(&c->doc[!side], w->key);
    if (ck_counts_get(&c->doc[side], w->key) >= 2 && other == 0)
        return false;
    if (c->lang[side] == AL_LANG_DE && other == 0)
        return false;
    if (ck_spell_loose(c, side, w))
        return false;
    /* An English common word inside German or French text is a part of an
     * English name whose other parts carry it ("Mount Everest", "Conway
     * Saddle", "Shigri Glacier"), often translated. */
    if (c->lang[side] != AL_LANG_EN && w->len < 64) {
        al_spell *en = al_model_spell(c->m, AL_LANG_EN);
        char low[64];
        size_t n = al_fold(s, w->len, &c->fold);
        if (en != NULL && n < sizeof low) {
            memcpy(low, c->fold.data, n);
            if (al_spell_check(en, low, n))
                return false;
        }
    }
    return c->lang[side] != AL_LANG_DE ||
           memchr(s, '-', w->len) != NULL ||
           !german_compound(c, side, s, w->len);
}

/* Adds the folded key of S (N bytes), of each hyphen part and of its
 * prefix to C->set. */
static void add_keys(ck_ctx *c, const char *s, size_t n)
{
    size_t fl = al_fold(s, n, &c->fold);
    if (ck_set_add(&c->set, al_hash(c->fold.data, fl)) != AL_OK ||
        (fl >= PREFIX && ck_set_add(&c->set, al_hash(c->fold.data, PREFIX) ^
                                    PREFIX_SALT) != AL_OK)) {
        c->rc = AL_ENOMEM;
        return;
    }
    size_t start = 0;
    for (size_t i = 0; i <= fl; i++)
        if (i == fl || c->fold.data[i] == '-') {
            if (i > start && (start > 0 || i < fl) &&
                ck_set_add(&c->set, al_hash(c->fold.data + start, i - start))
                != AL_OK)
                c->rc = AL_ENOMEM;
            start = i + 1;
        }
    /* Word endings, for names glued to another word ("AlbertEggler",
     * "Nordkorea" ~ "Korea"). */
    for (size_t k = SUFFIX_MIN; k <= SUFFIX_MAX && k < fl; k++)
        if (ck_set_add(&c->set, al_hash(c->fold.data + fl - k, k) ^
                       SUFFIX_SALT) != AL_OK)
            c->rc = AL_ENOMEM;
}

/* Levenshtein distance of A and B (each at most MAX_NAME bytes). */
static size_t edit_distance(const char *a, size_t an, const char *b,
                            size_t bn)
{
    size_t row[MAX_NAME + 1];
    for (size_t j = 0; j <= bn; j++)
        row[j] = j;
    for (size_t i = 1; i <= an; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= bn; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[bn];
}

static bool close_spelling(const char *a, size_t an, const char *b, size_t bn)
{
    if (an > MAX_NAME || bn > MAX_NAME)
        return false;
    size_t common = 0;
    while (common < an && common < bn && a[common] == b[common])
        common++;
    size_t longer = an > bn ? an : bn, shorter = an > bn ? bn : an;
    if (common >= 4 && longer - shorter <= 3)
        return true;
    return 3 * edit_distance(a, an, b, bn) <= longer;
}

static void fuzzy_add(ck_ctx *c, fuzzy_list *fl, const char *s, size_t n)
{
    size_t k = al_fold(s, n, &c->fold);
    fl->off[fl->n] = (uint32_t)fl->arena.len;
    fl->len[fl->n] = (uint32_t)k;
    if (al_buf_append(&fl->arena, c->fold.data, k) != AL_OK)
        c->rc = AL_ENOMEM;
    fl->n++;
}

/* Collects the other side's words: keys in C->set, words of four letters
 * or more (capitalized ones first) folded into FL. */
static void other_side(ck_ctx *c, int side, fuzzy_list *fl)
{
    const ck_words *ws = &c->w[side];
    ck_set_clear(&c->set);
    fl->n = 0;
    fl->arena.len = 0;
    for (size_t k = 0; k < ws->n && c->rc == AL_OK; k++) {
        const ck_word *w = &ws->w[k];
        add_keys(c, ck_word_text(c, side, w), w->len);
        /* Two words written apart ("K 2", "Broad Peak" = "BroadPeak"). */
        if (k > 0 && (w->flags & CK_ADJ) && ws->w[k - 1].sent == w->sent) {
            const ck_word *p = &ws->w[k - 1];
            size_t n = (size_t)(w->off + w->len - p->off);
            const char *t = ck_word_text(c, side, p);
            char buf[128];
            size_t bl = 0;
            for (size_t i = 0; i < n && bl < sizeof buf; i++)
                if (t[i] != ' ')
                    buf[bl++] = t[i];
            if (n < sizeof buf) {
                size_t fl2 = al_fold(buf, bl, &c->fold);
                if (ck_set_add(&c->set, al_hash(c->fold.data, fl2)) != AL_OK)
                    c->rc = AL_ENOMEM;
            }
        }
        if ((w->flags & CK_UPPER) && w->letters >= 3 && fl->n < MAX_FUZZY)
            fuzzy_add(c, fl, ck_word_text(c, side, w), w->len);
    }
    for (size_t k = 0; k < ws->n && c->rc == AL_OK && fl->n < MAX_FUZZY; k++) {
        const ck_word *w = &ws->w[k];
        if (!(w->flags & CK_UPPER) && w->letters >= 4)
            fuzzy_add(c, fl, ck_word_text(c, side, w), w->len);
    }
}

/* Is candidate W of SIDE found on the other side (collected in C->set and
 * FL)? */
static bool found(ck_ctx *c, int side, const ck_word *w, const fuzzy_list *fl)
{
    const char *s = ck_word_text(c, side, w);
    size_t n = al_fold(s, w->len, &c->fold);
    if (ck_set_has(&c->set, al_hash(c->fold.data, n)))
        return true;
    if (w->flags & CK_DIGIT)
        return false;
    if (n >= PREFIX &&
        ck_set_has(&c->set, al_hash(c->fold.data, PREFIX) ^ PREFIX_SALT))
        return true;
    if (n >= SUFFIX_MIN && n <= SUFFIX_MAX &&
        ck_set_has(&c->set, al_hash(c->fold.data, n) ^ SUFFIX_SALT))
        return true;
    /* Hyphenated: every part that is itself unknown must be there. */
    if (memchr(s, '-', w->len) != NULL) {
        bool all = true;
        size_t start = 0;
        for (size_t i = 0; i <= w->len && all; i++)
            if (i == w->len || s[i] == '-') {
                size_t pn = al_fold(s + start, i - start, &c->fold);
                if (pn >= 3 &&
                    !ck_set_has(&c->set, al_hash(c->fold.data, pn)) &&
                    !(c->sp[side] != NULL &&
                      al_spell_check(c->sp[side], s + start, i - start)))
                    all = false;
                start = i + 1;
            }
        if (all)
            return true;
        n = al_fold(s, w->len, &c->fold);
    }
    for (size_t k = 0; k < fl->n; k++)
        if (close_spelling(c->fold.data, n, fl->arena.data + fl->off[k],
                           fl->len[k]))
            return true;
    return false;
}

static void check_side(ck_ctx *c, int side, fuzzy_list *fl, ck_set *done,
                       ck_around *around)
{
    ck_set_clear(done);
    ck_words *ws = &c->w[side];
    bool collected = false;  /* the other side's words, for the first
                              * candidate: most beads have none */
    for (size_t k = 0; k < ws->n && c->rc == AL_OK; k++) {
        ck_word *w = &ws->w[k];
        if (ck_set_has(done, w->key) || !is_candidate(c, side, w))
            continue;
        if (!collected) {
            other_side(c, !side, fl);
            collected = true;
            if (c->rc != AL_OK)
                return;
        }
        if (found(c, side, w, fl))
            continue;
        if (ck_set_add(done, w->key) != AL_OK) {     /* report once */
            c->rc = AL_ENOMEM;
            return;
        }
        /* In the neighbouring bead's other side: the aligner cut the text
         * there differently from the translator. */
        int nb = ck_around_moved(c, around, side, w->key);
        if (nb != 0)
            ck_flag_moved(c, AL_FLAG_NAME, side, w->off,
                          ck_word_text(c, side, w), w->len, nb);
        else if (side == AL_SOURCE)
            ck_flag(c, AL_FLAG_NAME, AL_WARNING, AL_SOURCE, w->off,
                    (size_t)w->off + w->len,
                    "%.*s of the source is missing in the translation",
                    (int)w->len, ck_word_text(c, side, w));
        else
            ck_flag(c, AL_FLAG_NAME, AL_WARNING, AL_TARGET, w->off,
                    (size_t)w->off + w->len,
                    "%.*s in the translation is not in the source",
                    (int)w->len, ck_word_text(c, side, w));
    }
}

void ck_check_names(ck_ctx *c)
{
    fuzzy_list fl;
    ck_set done = {0};
    ck_around around;
    ck_around_init(&around, false);
    memset(&fl, 0, sizeof fl);
    check_side(c, AL_SOURCE, &fl, &done, &around);
    if (c->rc == AL_OK)
        check_side(c, AL_TARGET, &fl, &done, &around);
    al_buf_free(&fl.arena);
    ck_set_free(&done);
    ck_around_free(&around);
}
