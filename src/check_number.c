/*
 * check_number.c - numbers, dates and ordinals of a bead's two sides,
 * compared after locale normalization, naming the number that differs.
 *
 * Three kinds of items are collected per side:
 *   hard   numbers written with digits (al_numbers: "1.500" = "1 500" =
 *          "1500", "5,5" = "5.5", ordinal marks dropped: "6." = "6" = "1er");
 *   soft   numbers written as words ("drei", "trois", "zwölf"; list in
 *          dicts/check-words-LANG.txt) and Roman numerals ("XIXe", "XIII.",
 *          "II"): they may stand for a hard number of the other side
 *          ("XIXe siècle" = "19. Jahrhundert", "trois" = "3"), but since
 *          "un", "ein", "one" are also articles, a soft number alone is
 *          never reported missing;
 *   month  month names ("janvier" = "Januar" = "January" = 1).
 * Matching, by value sets (a number named twice on one side and once on the
 * other is no difference): hard with hard, hard with soft of the other side,
 * month with month, hard with month of the other side ("6.1." = "6
 * janvier"), soft with soft. Then, among few leftovers, numbers written in
 * two parts ("15.30 Uhr" = "15 h 30", "Fr. 2.70" = "2 fr. 70") and short
 * year ranges ("1954/55" = "1954 und 1955"). Digits followed by an
 * apostrophe and a letter are OCR for "l'" ("1'industrie") and ignored; a
 * vulgar fraction after a number is part of it ("1 ½" = "1,5"); German
 * numeral compounds are numbers ("Achttausender" = 8000). Reported
 * (error): every hard number left over, a month left over against a month
 * of the other side, and a soft number of 2 or more left over against one
 * of the other side. A leftover of one side is paired with one of the other
 * in the message: "1 500 in the source is 1.800 in the translation".
 */
#include "config.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

enum { NUM_HARD, NUM_SOFT, NUM_MONTH };

/* Most leftover numbers per side for the matches that compare pairs. */
#define MAX_PAIRWISE 64

typedef struct {
    char value[32];
    uint32_t off, len;       /* span in the side's normalized text */
    uint8_t kind;
    bool used;
} ck_num;

typedef struct {
    ck_num *v;
    size_t n, cap;
} num_list;

static ck_num *num_push(num_list *l)
{
    if (l->n == l->cap) {
        ck_num *x = al_grow_array(l->v, &l->cap, sizeof *x, 32);
        if (x == NULL)
            return NULL;
        l->v = x;
    }
    ck_num *x = &l->v[l->n++];
    memset(x, 0, sizeof *x);
    return x;
}

/* Value of the Roman digit C (I V X L C), or 0. */
static int roman_digit(char c)
{
    switch (c) {
    case 'I': return 1;
    case 'V': return 5;
    case 'X': return 10;
    case 'L': return 50;
    case 'C': return 100;
    default: return 0;
    }
}

/* Value of Roman numeral S (N bytes of I V X L C) when it is written in
 * canonical form, else 0. */
static int roman_value(const char *s, size_t n)
{
    static const char *const units[] = {"", "I", "II", "III", "IV", "V",
                                        "VI", "VII", "VIII", "IX"};
    static const char *const tens[] = {"", "X", "XX", "XXX", "XL", "L",
                                       "LX", "LXX", "LXXX", "XC"};
    static const char *const hundreds[] = {"", "C", "CC", "CCC"};
    /* The value read with the subtractive rule, then kept only if it is
     * written the one canonical way (not "IIII", "VX", "IC"). */
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        int x = roman_digit(s[i]), next = i + 1 < n ? roman_digit(s[i + 1]) : 0;
        if (x == 0)
            return 0;
        v += x < next ? -x : x;
    }
    if (v < 1 || v >= 400)
        return 0;
    const char *h = hundreds[v / 100], *t = tens[(v / 10) % 10],
               *u = units[v % 10];
    size_t hn = strlen(h), tn = strlen(t), un = strlen(u);
    return hn + tn + un == n && memcmp(s, h, hn) == 0 &&
                   memcmp(s + hn, t, tn) == 0 && memcmp(s + hn + tn, u, un) == 0
               ? v
               : 0;
}

/* Is S (N bytes) an ordinal suffix after a Roman numeral in LANG? */
static bool roman_suffix(const char *s, size_t n, al_lang lang)
{
    static const char *const fr[] = {"e", "er", "re", "ère", "eme", "ème",
                                     "es", "èmes"};
    static const char *const en[] = {"st", "nd", "rd", "th"};
    const char *const *list = lang == AL_LANG_FR ? fr : en;
    size_t count = lang == AL_LANG_FR ? sizeof fr / sizeof fr[0]
                                      : sizeof en / sizeof en[0];
    if (lang == AL_LANG_DE)
        return false;
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0)
            return true;
    return false;
}

/* Roman numeral value of word W, or 0. A single letter counts only as I, V
 * or X, alone or with an ordinal suffix ("camp V", "Ier", "Xe"), so that
 * "Le", "Ce" and "C." stay words; never an initial ("V.") or English "I".
 * Soft numbers are never reported alone, so a wrong guess costs little. */
static int word_roman(ck_ctx *c, int side, const ck_word *w)
{
    const char *s = ck_word_text(c, side, w);
    size_t k = 0;
    while (k < w->len && s[k] != '\0' && strchr("IVXLC", s[k]) != NULL)
        k++;
    if (k == 0 || roman_value(s, k) == 0)
        return 0;
    if (k == w->len) {
        /* One letter: I, V or X alone ("camp V", "Lager I"), not an
         * initial ("V."), not the English pronoun. */
        if (k == 1 && (strchr("IVX", s[0]) == NULL || (w->flags & CK_DOT) ||
                       (c->lang[side] == AL_LANG_EN && s[0] == 'I')))
            return 0;
        return roman_value(s, k);
    }
    if (k == 1 && strchr("IVX", s[0]) == NULL)
        return 0;
    return roman_suffix(s + k, w->len - k, c->lang[side]) ? roman_value(s, k)
                                                          : 0;
}

/* Value of a vulgar fraction written right after a number ("1 ½"), in
 * hundredths, or 0. */
static int fraction_after(const char *s, size_t n, size_t i)
{
    if (i < n && s[i] == ' ')
        i++;
    if (i + 1 < n && (unsigned char)s[i] == 0xC2) {
        unsigned char b = (unsigned char)s[i + 1];
        return b == 0xBD ? 50 : b == 0xBC ? 25 : b == 0xBE ? 75 : 0;
    }
    return 0;
}

/* Adds a fraction of HUNDREDTHS to the integer value V (a string). */
static void add_fraction(char *v, size_t cap, int hundredths)
{
    if (strchr(v, '.') != NULL)
        return;
    size_t n = strlen(v);
    if (n + 4 >= cap)
        return;
    snprintf(v + n, cap - n, ".%02d", hundredths);
    n = strlen(v);
    while (v[n - 1] == '0')
        v[--n] = '\0';
}

/* Does an apostrophe and a letter or quotation mark follow at S[I] ("1'"
 * read by OCR for "l'": "1'industrie", "1' officier", "1'«Human")? */
static bool apostrophe_letter(const char *s, size_t n, size_t i)
{
    size_t k = i;
    if (k < n && s[k] == '\'')
        k++;
    else if (k + 2 < n && memcmp(s + k, "\xE2\x80\x99", 3) == 0)
        k += 3;
    else
        return false;
    if (k < n && s[k] == ' ')
        k++;
    return k < n && (((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z') ||
                     (unsigned char)s[k] >= 0xC2);
}

/* Value of a German numeral compound ("Achttausender" = 8000,
 * "Dreitausendern" = 3000, "Zweihunderter" = 200): a number word of the
 * list, then "tausend" or "hundert", then an ending of at most four
 * letters. Returns 0 when W is not one. */
static int german_compound(ck_ctx *c, int side, const ck_word *w)
{
    size_t all = al_fold(ck_word_text(c, side, w), w->len, &c->fold);
    const char *f = c->fold.data;
    /* The numeral may be one part of a hyphenated word
     * ("Achttausender-Status"). */
    const char *hy = memchr(f, '-', all);
    size_t n = hy != NULL ? (size_t)(hy - f) : all;
    static const char *const mult[] = {"tausend", "hundert"};
    for (int m = 0; m < 2; m++) {
        const char *p = NULL;
        for (size_t i = 3; i + 7 <= n && p == NULL; i++)
            if (memcmp(f + i, mult[m], 7) == 0)
                p = f + i;
        if (p == NULL || (size_t)(f + n - (p + 7)) > 4)
            continue;
        const ck_wordinfo *wi = ck_word_info(c->d, AL_LANG_DE, f,
                                             (size_t)(p - f));
        if (wi != NULL && wi->num > 0 && wi->num < 100)
            return wi->num * (m == 0 ? 1000 : 100);
    }
    return 0;
}

static int collect(ck_ctx *c, int side, num_list *l)
{
    size_t begin, n;
    ck_bead_side(c, side, &begin, &n);
    const al_text *t = c->t[side];
    l->n = 0;
    for (size_t i = begin; i < begin + n; i++) {
        size_t len;
        const char *s = al_sent_norm(t, i, &len);
        al_number tmp[64];
        size_t k = al_numbers(s, len, t->lang, tmp, 64);
        al_number *all = tmp;
        if (k > 64) {
            all = al_calloc(k, sizeof *all);
            if (all == NULL)
                return AL_ENOMEM;
            k = al_numbers(s, len, t->lang, all, k);
        }
        for (size_t x = 0; x < k; x++) {
            if (apostrophe_letter(s, len, all[x].off + all[x].len))
                continue;               /* "1'industrie": OCR for l' */
            ck_num *v = num_push(l);
            if (v == NULL) {
                if (all != tmp)
                    free(all);
                return AL_ENOMEM;
            }
            memcpy(v->value, all[x].value, sizeof v->value);
            v->off = t->sents[i].start + all[x].off;
            v->len = all[x].len;
            v->kind = NUM_HARD;
            int frac = fraction_after(s, len, all[x].off + all[x].len);
            if (frac > 0)
                add_fraction(v->value, sizeof v->value, frac);
        }
        if (all != tmp)
            free(all);
    }
    const ck_words *ws = &c->w[side];
    for (size_t k = 0; k < ws->n; k++) {
        const ck_word *w = &ws->w[k];
        if (w->flags & CK_DIGIT)
            continue;
        int value = -1, kind = NUM_SOFT;
        if (w->month > 0) {
            value = w->month;
            kind = NUM_MONTH;
        } else if (w->num >= 0)
            value = w->num;
        else if (w->flags & CK_UPPER) {
            value = word_roman(c, side, w);
            if (value == 0 && c->lang[side] == AL_LANG_DE &&
                w->letters >= 10)
                value = german_compound(c, side, w);
        }
        if (value <= 0 && !(value == 0 && w->num == 0))
            continue;
        ck_num *v = num_push(l);
        if (v == NULL)
            return AL_ENOMEM;
        snprintf(v->value, sizeof v->value, "%d", value);
        v->off = w->off;
        v->len = w->len;
        v->kind = (uint8_t)kind;
    }
    return AL_OK;
}

/* Key of item V for matching: its value, or with MONTH_NUM its integer
 * value (a month number matches a hard "1" of "6.1."); 0 when it has
 * none. */
static uint64_t match_key(const ck_num *v, bool month_num)
{
    if (!month_num || v->kind == NUM_MONTH)
        return al_hash(v->value, strlen(v->value)) | 1;
    if (strchr(v->value, '.') != NULL)
        return 0;
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", strtol(v->value, NULL, 10));
    return al_hash(buf, strlen(buf)) | 1;
}

/* Marks the unused items of kind KA in A and of kind KB in B whose values
 * occur among the items of that kind on the other side, used or not.
 * Values are compared as sets: a year named twice on one side and once on
 * the other is no difference ("1956 … 1956"). The sets make it linear in
 * the items. */
static int match(num_list *a, int ka, num_list *b, int kb, bool month_num)
{
    ck_set sa = {0}, sb = {0};
    int rc = AL_OK;
    for (size_t i = 0; i < a->n && rc == AL_OK; i++)
        if (a->v[i].kind == ka && match_key(&a->v[i], month_num))
            rc = ck_set_add(&sa, match_key(&a->v[i], month_num));
    for (size_t j = 0; j < b->n && rc == AL_OK; j++)
        if (b->v[j].kind == kb && match_key(&b->v[j], month_num))
            rc = ck_set_add(&sb, match_key(&b->v[j], month_num));
    for (size_t i = 0; i < a->n && rc == AL_OK; i++)
        if (!a->v[i].used && a->v[i].kind == ka &&
            ck_set_has(&sb, match_key(&a->v[i], month_num)))
            a->v[i].used = true;
    for (size_t j = 0; j < b->n && rc == AL_OK; j++)
        if (!b->v[j].used && b->v[j].kind == kb &&
            ck_set_has(&sa, match_key(&b->v[j], month_num)))
            b->v[j].used = true;
    ck_set_free(&sa);
    ck_set_free(&sb);
    return rc;
}

/* Marks unused hard items of L whose value ends a word of letters and
 * digits on side OTHER ("K 2" = "K2", "A 380" = "A380"). */
static int match_glued(ck_ctx *c, num_list *l, int other)
{
    ck_set glued = {0};
    int rc = AL_OK;
    const ck_words *ws = &c->w[other];
    for (size_t k = 0; k < ws->n && rc == AL_OK; k++) {
        const ck_word *w = &ws->w[k];
        if (!(w->flags & CK_DIGIT) || w->letters == 0)
            continue;
        const char *s = ck_word_text(c, other, w);
        size_t e = w->len, b = e;
        while (b > 0 && s[b - 1] >= '0' && s[b - 1] <= '9')
            b--;
        while (b < e - 1 && s[b] == '0')
            b++;
        if (b < e && b > 0)
            rc = ck_set_add(&glued, al_hash(s + b, e - b) | 1);
    }
    for (size_t i = 0; i < l->n && rc == AL_OK && glued.n > 0; i++) {
        ck_num *v = &l->v[i];
        if (!v->used && v->kind == NUM_HARD &&
            ck_set_has(&glued, al_hash(v->value, strlen(v->value)) | 1))
            v->used = true;
    }
    ck_set_free(&glued);
    return rc;
}

/* Unused hard items of L, for the bounded matches below. */
static size_t left_hard(const num_list *l)
{
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++)
        k += !l->v[i].used && l->v[i].kind == NUM_HARD;
    return k;
}

/* An unused hard item of A written "X.YY" or "X:YY" (two digits after the
 * mark) is matched by unused hard items X and YY of the other side: times
 * and amounts written in two parts ("15.30 Uhr" = "15 h 30", "Fr. 2.70" =
 * "2 fr. 70"). Marks all three used; "X.00" needs X only. */
static void match_split(const ck_ctx *c, num_list *a, int side, num_list *b)
{
    const char *text = c->t[side]->norm.text;
    for (size_t i = 0; i < a->n; i++) {
        ck_num *x = &a->v[i];
        if (x->used || x->kind != NUM_HARD || x->len < 4)
            continue;
        const char *p = text + x->off;
        size_t h = x->len - 3;
        if (p[h] != '.' && p[h] != ':' && p[h] != ',')
            continue;
        for (size_t k = 0; k < h; k++)
            if (p[k] < '0' || p[k] > '9')
                h = 0;
        if (h == 0)
            continue;
        long whole = strtol(p, NULL, 10), part = strtol(p + h + 1, NULL, 10);
        ck_num *yw = NULL, *yp = NULL;
        for (size_t j = 0; j < b->n; j++) {
            ck_num *y = &b->v[j];
            if (y->used || y->kind != NUM_HARD || strchr(y->value, '.'))
                continue;
            long v = strtol(y->value, NULL, 10);
            if (v == whole && yw == NULL)
                yw = y;
            else if (v == part && yp == NULL)
                yp = y;
        }
        if (yw != NULL && (yp != NULL || part == 0)) {
            x->used = yw->used = true;
            if (yp != NULL)
                yp->used = true;
        }
    }
}

/* Year ranges written short: an unused two-digit item YY of A matches a
 * four-digit year CCYY of B when A also has a year of that century just
 * before it ("1954/55" = "1954 und 1955"). */
static void match_year_ranges(num_list *a, num_list *b)
{
    for (size_t i = 1; i < a->n; i++) {
        ck_num *x = &a->v[i];
        if (x->used || x->kind != NUM_HARD || strlen(x->value) != 2)
            continue;
        long yy = strtol(x->value, NULL, 10), start = -1;
        for (size_t k = i; k-- > 0 && start < 0;)
            if (a->v[k].kind == NUM_HARD && strlen(a->v[k].value) == 4)
                start = strtol(a->v[k].value, NULL, 10);
        if (start < 1000)
            continue;
        for (size_t j = 0; j < b->n; j++) {
            ck_num *y = &b->v[j];
            if (y->kind != NUM_HARD || strlen(y->value) != 4)
                continue;
            long year = strtol(y->value, NULL, 10);
            if (year % 100 == yy && year > start && year - start <= 10 &&
                year / 100 == start / 100) {
                x->used = y->used = true;
                break;
            }
        }
    }
}

/* Next unused item of L from *K on whose kind is KIND (soft ones with a
 * value of 2 or more only); NULL at the end. */
static ck_num *next_left(num_list *l, size_t *k, int kind)
{
    for (; *k < l->n; (*k)++) {
        ck_num *v = &l->v[*k];
        if (v->used || v->kind != kind)
            continue;
        if (kind == NUM_SOFT && strtol(v->value, NULL, 10) < 2)
            continue;
        (*k)++;
        return v;
    }
    return NULL;
}

static const char *text_of(const ck_ctx *c, int side, const ck_num *v)
{
    return c->t[side]->norm.text + v->off;
}

/* Flags item A of the source against item B of the target (either may be
 * NULL, not both). */
static void report(ck_ctx *c, const ck_num *a, const ck_num *b)
{
    if (a != NULL && b != NULL)
        ck_flag(c, AL_FLAG_NUMBER, AL_ERROR, AL_TARGET, b->off,
                (size_t)b->off + b->len,
                "%.*s in the source is %.*s in the translation",
                (int)a->len, text_of(c, AL_SOURCE, a), (int)b->len,
                text_of(c, AL_TARGET, b));
    else if (a != NULL)
        ck_flag(c, AL_FLAG_NUMBER, AL_ERROR, AL_SOURCE, a->off,
                (size_t)a->off + a->len,
                "%.*s of the source is missing in the translation",
                (int)a->len, text_of(c, AL_SOURCE, a));
    else
        ck_flag(c, AL_FLAG_NUMBER, AL_ERROR, AL_TARGET, b->off,
                (size_t)b->off + b->len,
                "%.*s in the translation is not in the source",
                (int)b->len, text_of(c, AL_TARGET, b));
}

void ck_check_numbers(ck_ctx *c)
{
    num_list l[2] = {{0}, {0}};
    if (collect(c, AL_SOURCE, &l[0]) != AL_OK ||
        collect(c, AL_TARGET, &l[1]) != AL_OK) {
        c->rc = AL_ENOMEM;
        goto out;
    }
    num_list *s = &l[0], *t = &l[1];
    int rc = match(s, NUM_HARD, t, NUM_HARD, false);
    if (rc == AL_OK)
        rc = match(s, NUM_HARD, t, NUM_SOFT, false);
    if (rc == AL_OK)
        rc = match(t, NUM_HARD, s, NUM_SOFT, false);
    if (rc == AL_OK)
        rc = match(s, NUM_MONTH, t, NUM_MONTH, false);
    if (rc == AL_OK)
        rc = match(s, NUM_HARD, t, NUM_MONTH, true);
    if (rc == AL_OK)
        rc = match(t, NUM_HARD, s, NUM_MONTH, true);
    if (rc == AL_OK)
        rc = match(s, NUM_SOFT, t, NUM_SOFT, false);
    if (rc == AL_OK)
        rc = match_glued(c, s, AL_TARGET);
    if (rc == AL_OK)
        rc = match_glued(c, t, AL_SOURCE);
    if (rc != AL_OK) {
        c->rc = rc;
        goto out;
    }
    /* Pairwise matches, on few leftovers only (they compare every pair). */
    if (left_hard(s) <= MAX_PAIRWISE && left_hard(t) <= MAX_PAIRWISE) {
        match_split(c, s, AL_SOURCE, t);
        match_split(c, t, AL_TARGET, s);
        match_year_ranges(s, t);
        match_year_ranges(t, s);
    }
    /* Hard leftovers that the other side of a neighbouring bead holds
     * (and its own side lacks): the aligner cut the text there differently
     * from the translator; worth a look, not an error. */
    ck_around around;
    ck_around_init(&around, true);
    for (int side = 0; side < 2; side++) {
        num_list *ls = side == AL_SOURCE ? s : t;
        for (size_t k = 0; k < ls->n && c->rc == AL_OK; k++) {
            ck_num *v = &ls->v[k];
            if (v->used || v->kind != NUM_HARD)
                continue;
            int nb = ck_around_moved(c, &around, side,
                                     al_hash(v->value, strlen(v->value)));
            if (nb == 0)
                continue;
            v->used = true;
            ck_flag_moved(c, AL_FLAG_NUMBER, side, v->off,
                          text_of(c, side, v), v->len, nb);
        }
    }
    ck_around_free(&around);
    /* Hard leftovers of the source, each against a hard leftover of the
     * target when there is one. */
    size_t ks = 0, kt = 0;
    ck_num *a, *b;
    while ((a = next_left(s, &ks, NUM_HARD)) != NULL) {
        b = next_left(t, &kt, NUM_HARD);
        if (b != NULL)
            b->used = true;
        report(c, a, b);
    }
    kt = 0;
    while ((b = next_left(t, &kt, NUM_HARD)) != NULL)
        report(c, NULL, b);
    /* Month against month, when both sides have one left. Number words
     * left on both sides are not reported: idioms count differently
     * ("zwei Wochen" = "quinze jours"). */
    ks = kt = 0;
    while ((a = next_left(s, &ks, NUM_MONTH)) != NULL &&
           (b = next_left(t, &kt, NUM_MONTH)) != NULL)
        report(c, a, b);
out:
    free(l[0].v);
    free(l[1].v);
}
