/*
 * check.h - what the checker's modules share: the words of a bead's two
 * sides, the checker's word lists, and one entry point per check.
 *
 * Private to check*.c; the rest of the library calls al_check only.
 *
 * The driver (check.c) walks the beads once. For each bead it tokenizes the
 * sentences of both sides into ck_word arrays (reused from bead to bead), then
 * calls the enabled checks, which add flags through ck_flag. Nothing here is
 * static or shared between calls: one ck_ctx per al_check call, so pairs can
 * be checked in parallel threads with one model.
 */
#ifndef ALIGN_CHECK_H
#define ALIGN_CHECK_H

#include "internal.h"

/* ---- word lists (check_data.c, dicts/check-*.txt) ---- */

/* Word classes of dicts/check-words-LANG.txt. */
enum {
    CK_CLASS_DET = 1u << 0,    /* article or determiner, never ends a clause */
    CK_CLASS_PREP = 1u << 1,   /* preposition that never ends a clause */
    CK_CLASS_CONJ = 1u << 2,   /* conjunction */
    CK_CLASS_PRON = 1u << 3,   /* subject pronoun */
    CK_CLASS_REPEAT = 1u << 4, /* may stand twice in a row ("nous nous") */
    CK_CLASS_LOAN = 1u << 5,   /* loan word the spelling dictionary lacks */
    CK_CLASS_NOEND = 1u << 6,  /* clitic that never ends a clause ("il") */
    CK_CLASS_ELIDE = 1u << 7   /* elided before a vowel ("le" -> "l'") */
};

typedef struct {
    uint8_t cls;               /* CK_CLASS_* bits */
    int8_t month;              /* 1..12 for a month name, else 0 */
    int16_t num;               /* value of a number word, else -1 */
} ck_wordinfo;

struct al_checkdata {
    /* dicts/check-words-LANG.txt: folded word -> ck_wordinfo */
    al_strtab *words[AL_LANG_COUNT];
    ck_wordinfo *info[AL_LANG_COUNT];
    /* dicts/check-boilerplate.txt: folded phrases that begin a boilerplate
     * line ("mehr von"), and folded words that mark a short line as
     * boilerplate wherever they stand ("photo") */
    al_strtab *boiler_start;
    al_strtab *boiler_word;
    al_strtab *boiler_caps;    /* first words that count only as written
                                  ("NEXT", not "Next year") */
};

/* Lowercases TOK (N bytes) into OUT, keeping accents ("Là" -> "là"), so
 * that "là" and "la", "à" and "a" stay apart. Returns the length. */
size_t ck_lower(const char *tok, size_t n, al_buf *out);

/* Info of lowercased word W (N bytes, see ck_lower) in LANG, or NULL when
 * it is not listed. */
const ck_wordinfo *ck_word_info(const al_checkdata *d, al_lang lang,
                                const char *w, size_t n);

/* ---- words of a bead ---- */

enum {
    CK_UPPER = 1u << 0,    /* first letter is uppercase */
    CK_DIGIT = 1u << 1,    /* contains a digit */
    CK_FIRST = 1u << 2,    /* first word of its sentence */
    CK_ADJ = 1u << 3,      /* only white space since the previous word */
    CK_ELIDED = 1u << 4,   /* an apostrophe follows (French "d' ", "l' ") */
    CK_DOT = 1u << 5,      /* a period follows directly ("Nr.", "Dr.") */
    CK_ALLCAPS = 1u << 6,  /* two or more letters, all uppercase */
    CK_SPELL_ASKED = 1u << 7,
    CK_SPELL_OK = 1u << 8  /* hunspell of the side's language accepts it */
};

typedef struct {
    uint32_t off, len;     /* byte span in the side's normalized text */
    uint32_t sent;         /* sentence index in the text */
    uint32_t letters;      /* number of letters (code points) */
    uint64_t key;          /* hash of the folded form */
    uint16_t flags;        /* CK_* */
    uint8_t stop;          /* bit L set: a stop word of language L */
    uint8_t cls;           /* CK_CLASS_* in the side's language */
    int16_t num;           /* number word value, or -1 */
    int8_t month;          /* month number, or 0 */
    uint32_t prevch;       /* last non-space character before the word within
                              its sentence (0 at the start) */
} ck_word;

typedef struct {
    ck_word *w;
    size_t n, cap;
} ck_words;

/* A small set of 64-bit keys, cleared in time proportional to its use. */
typedef struct {
    uint64_t *keys;        /* 0 = empty (key 0 is stored as 1) */
    size_t cap;            /* power of two */
    size_t *used;          /* indexes of filled slots, for clearing */
    size_t n;
} ck_set;

/* A count per 64-bit key (words of a whole text). */
typedef struct {
    uint64_t *keys;        /* 0 = empty (key 0 is stored as 1) */
    uint32_t *counts;
    size_t cap, n;
} ck_counts;

int ck_counts_add(ck_counts *m, uint64_t key);   /* AL_OK or AL_ENOMEM */
uint32_t ck_counts_get(const ck_counts *m, uint64_t key);
/* Sets the value of KEY (a map rather than a count). */
int ck_counts_put(ck_counts *m, uint64_t key, uint32_t value);
void ck_counts_free(ck_counts *m);

/* Counts the folded words of every sentence of T into M. */
int ck_count_words(const al_text *t, ck_counts *m);

int ck_set_add(ck_set *s, uint64_t key);      /* AL_OK or AL_ENOMEM */
bool ck_set_has(const ck_set *s, uint64_t key);
void ck_set_clear(ck_set *s);
void ck_set_free(ck_set *s);

/* ---- the checking context ---- */

typedef struct {
    const al_model *m;
    const al_checkdata *d;
    al_result *r;
    const al_text *t[2];
    al_lang lang[2];
    al_spell *sp[2];       /* hunspell per side; NULL when not installed */
    double ratio;          /* the document's characters target/source */
    ck_counts doc[2];      /* word counts of each whole text (names) */
    al_sentfeat feat[2];   /* anchor items of both texts (garbled, merge) */
    bool have_feat;
    double mean_len[2];    /* with feat: mean sentence length of each text,
                              in characters, at least 1 */
    /* current bead */
    size_t bi;
    const al_bead *b;
    ck_words w[2];
    uint32_t foreign;      /* bit K: target sentence K of the bead is not in
                              the target language (check_lang.c) */
    /* Per side: what on_word works out from a word as written (folded key,
     * stop words, class), once per word type. */
    al_strtab *types[2];
    struct ck_typefacts *facts[2];
    size_t facts_cap[2];
    struct ck_surfaces *surf;  /* the current bead's scans (check_surface.c) */
    ck_set set;            /* scratch */
    al_buf fold;           /* scratch */
    al_buf msg;            /* scratch for messages */
    int rc;                /* first error (AL_ENOMEM) */
} ck_ctx;

static inline bool ck_enabled(const ck_ctx *c, al_flag_code code)
{
    return (c->m->opt.checks >> code) & 1u;
}

/* Sentences [*BEGIN, *BEGIN + *N) of SIDE in the current bead. */
static inline void ck_bead_side(const ck_ctx *c, int side, size_t *begin,
                                size_t *n)
{
    *begin = side == AL_SOURCE ? c->b->src_begin : c->b->tgt_begin;
    *n = side == AL_SOURCE ? c->b->src_len : c->b->tgt_len;
}

/* Normalized text of word W of SIDE. */
static inline const char *ck_word_text(const ck_ctx *c, int side,
                                       const ck_word *w)
{
    return c->t[side]->norm.text + w->off;
}

/* Adds a flag to the current bead. BEGIN/END: span in SIDE's normalized
 * text (mapped here to the original), or both 0 for no span. Records
 * AL_ENOMEM in C->rc. */
void ck_flag(ck_ctx *c, al_flag_code code, al_severity sev, int side,
             size_t begin, size_t end, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/* Does hunspell of SIDE's language accept word W? (Cached in W; true when
 * no dictionary is installed, so that missing dictionaries raise no flags.) */
bool ck_spell_ok(ck_ctx *c, int side, ck_word *w);
/* The same, also accepting the Swiss spelling of German (ss for ß). */
bool ck_spell_loose(ck_ctx *c, int side, ck_word *w);

/* Characters (code points) of normalized sentence text. */
size_t ck_chars(const char *s, size_t n);

/* ---- the beads around the current one ---- */

/* Words (folded keys, as ck_word.key) or numbers (hashes of al_numbers
 * values) of both sides of the previous and the next bead: a number or a
 * name that one side of a bead lacks may stand in the neighbouring bead,
 * where the aligner cut the text differently from the translator. */
typedef struct {
    ck_set s[2][2];        /* [previous, next][side] */
    bool numbers;
    bool ready;
} ck_around;

/* Prepares A for the current bead (filled on first use). */
void ck_around_init(ck_around *a, bool numbers);
/* -1 or 1 when KEY, on SIDE of the current bead and missing on its other
 * side, is on the other side of the previous or the next bead and not on
 * that bead's SIDE; else 0. */
int ck_around_moved(ck_ctx *c, ck_around *a, int side, uint64_t key);
/* Info flag CODE on the token TEXT (N bytes, at OFF on SIDE) that
 * ck_around_moved found in the neighbouring bead NB (-1 or 1). */
void ck_flag_moved(ck_ctx *c, al_flag_code code, int side, size_t off,
                   const char *text, size_t n, int nb);
void ck_around_free(ck_around *a);

/* ---- the checks (one module each) ---- */

void ck_check_numbers(ck_ctx *c);        /* check_number.c */
void ck_check_language(ck_ctx *c);       /* check_lang.c: untranslated,
                                            wrong-language */
void ck_check_garbled(ck_ctx *c);        /* check_garbled.c */
void ck_check_names(ck_ctx *c);          /* check_name.c */
void ck_check_encoding(ck_ctx *c);       /* check_surface.c */
void ck_check_punctuation(ck_ctx *c);    /* check_surface.c */
void ck_surfaces_free(ck_ctx *c);        /* check_surface.c */
/* A sentence of SIDE in a bead of two or more that the other side does not
 * translate: omission (source) or addition (target). */
void ck_check_merge(ck_ctx *c, int side);  /* check_merge.c */
/* A pair whose two sides share (almost) none of their anchors and that the
 * aligner is unsure of: the source seems not translated there (omission),
 * the target seems to have no source there (addition). True when flagged. */
bool ck_check_unrelated(ck_ctx *c);        /* check_merge.c */

/* Kind of a one-sided bead's text, for the severity of omission/addition. */
typedef enum {
    CK_TEXT_SENTENCE = 0,  /* a sentence: words and a sentence end */
    CK_TEXT_FRAGMENT,      /* a heading, caption or label: no sentence end */
    CK_TEXT_BOILERPLATE,   /* navigation, credits, captions (word list) */
    CK_TEXT_JUNK           /* no word of two letters: OCR noise, rules */
} ck_text_kind;

ck_text_kind ck_classify(ck_ctx *c, int side);   /* check.c */

#endif /* ALIGN_CHECK_H */
