/*
 * align.h - sentence alignment of a text and its translation, with checks.
 *
 * A complete use, error handling shortened:
 *
 *     al_error err;
 *     al_options opt;
 *     al_options_init(&opt);                       // defaults
 *     opt.lang[AL_SOURCE] = "fr"; opt.lang[AL_TARGET] = "de";
 *     al_model *m = al_model_new(&opt, &err);      // dictionaries, hunspell
 *     al_text *src = al_text_read(m, AL_SOURCE, "orig.txt", &err);
 *     al_text *tgt = al_text_read(m, AL_TARGET, "trans.txt", &err);
 *     al_result *r = al_align(m, src, tgt, &err);  // beads, scores, flags
 *     if (r == NULL) fprintf(stderr, "align: %s\n", err.message);
 *     al_write(r, AL_FORMAT_TSV, stdout, NULL, &err);
 *     al_result_free(r); al_text_free(src); al_text_free(tgt); al_model_free(m);
 *
 * The pipeline has one module per stage: decode (bytes to UTF-8), normalize
 * (NFC, whitespace, invisible characters; the original is kept), segment
 * (paragraphs and sentences), align (beads with a score), check (flags) and
 * write (one renderer per format).
 *
 * Conventions: every object has a _new/_read and a _free; _free(NULL) does
 * nothing. Functions that can fail return NULL or a negative al_status and
 * fill an al_error when one is given. The library never prints and never
 * exits. Texts handed out are UTF-8 and stay owned by the object they come
 * from.
 */
#ifndef ALIGN_H
#define ALIGN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define AL_VERSION_STRING "0.1.0"

/* Status codes: 0 is success, errors are negative. */
typedef enum {
    AL_OK = 0,
    AL_ENOMEM = -1,     /* out of memory */
    AL_EIO = -2,        /* a file could not be read or written */
    AL_EENCODING = -3,  /* bytes are not valid in the input's encoding */
    AL_EBINARY = -4,    /* input looks like a binary file (NUL bytes) */
    AL_ETOOBIG = -5,    /* input exceeds a documented size limit */
    AL_EINVAL = -6,     /* invalid argument or option value */
    AL_EDICT = -7,      /* a dictionary or list could not be loaded */
    AL_EEMPTY = -8      /* input holds no text */
} al_status;

/* Filled by failing calls: the code and a message that names the file and
 * position where there is one ("trans.txt:12:7: invalid UTF-8 byte 0xE9"). */
typedef struct {
    int code;
    char message[512];
} al_error;

/* A short description of a status code ("out of memory"). Never NULL. */
const char *al_strerror(int code);

/* Sides of a pair. */
enum { AL_SOURCE = 0, AL_TARGET = 1 };

/* Flag severities, ordered. */
typedef enum { AL_INFO = 0, AL_WARNING = 1, AL_ERROR = 2 } al_severity;

/* Flag codes. The names (al_flag_name) are stable and used in every output. */
typedef enum {
    AL_FLAG_OMISSION = 0,    /* source sentence(s) with no translation */
    AL_FLAG_ADDITION,        /* target sentence(s) with no source */
    AL_FLAG_LENGTH,          /* length ratio far outside the length model */
    AL_FLAG_NUMBER,          /* numbers differ after locale normalization */
    AL_FLAG_UNTRANSLATED,    /* target repeats the source text */
    AL_FLAG_WRONG_LANGUAGE,  /* target is not in the target language */
    AL_FLAG_GARBLED,         /* broken target: unknown words, repeats, salad */
    AL_FLAG_ENCODING,        /* U+FFFD, ????, mojibake, control characters */
    AL_FLAG_NAME,            /* a name or identical token missing on one side */
    AL_FLAG_PUNCTUATION,     /* unbalanced quotes/brackets, ? vs . */
    AL_FLAG_LOW_CONFIDENCE,  /* alignment score below the threshold */
    AL_FLAG_COUNT
} al_flag_code;

/* Output formats (al_write). */
typedef enum {
    AL_FORMAT_TSV = 0, AL_FORMAT_JSONL, AL_FORMAT_TMX, AL_FORMAT_XLIFF,
    AL_FORMAT_BEADS, AL_FORMAT_LADDER, AL_FORMAT_TEXT, AL_FORMAT_HTML,
    AL_FORMAT_REPORT, AL_FORMAT_COUNT
} al_format;

/* Options. Initialise with al_options_init, then set fields. Strings are
 * borrowed: they must outlive the model built from them. */
typedef struct {
    const char *lang[2];       /* "de", "fr", "en" or NULL to detect */
    const char *encoding[2];   /* iconv name or NULL: detect BOM, else UTF-8 */
    int presegmented;          /* one sentence per line, blank line = paragraph */
    int max_bead;              /* most sentences on one side of a bead (1..4) */
    const char *dict_dir;      /* folder with abbrev-*.txt, lex-*.txt; NULL: default */
    const char *hunspell_dir;  /* folder with LANG.aff/.dic; NULL: default */
    const char *user_dict;     /* extra lexicon ("src<TAB>tgt" or "tgt @ src") */
    unsigned checks;           /* bit (1u << code) enables a flag code */
    double min_score;          /* beads scored below get low-confidence */
    int second_pass;           /* realign with a lexicon learned from pass 1 */
} al_options;

void al_options_init(al_options *opt);

/* A model: the resources shared by every pair (abbreviations, lexicons,
 * hunspell). Read-only after creation, may be shared by threads. */
typedef struct al_model al_model;
al_model *al_model_new(const al_options *opt, al_error *err);
void al_model_free(al_model *m);

/* One side of a pair: the decoded original, its normalized form and its
 * sentences. */
typedef struct al_text al_text;

/* Reads FILE ("-" is stdin) and decodes, normalizes and segments it as side
 * SIDE. NAME in messages is the path. Returns NULL on error. */
al_text *al_text_read(al_model *m, int side, const char *path, al_error *err);

/* The same for bytes in memory; NAME is used in messages. The bytes are
 * copied. */
al_text *al_text_from_bytes(al_model *m, int side, const char *name,
                            const char *bytes, size_t len, al_error *err);
void al_text_free(al_text *t);

/* Number of sentences and paragraphs. */
size_t al_text_count(const al_text *t);
size_t al_text_paragraphs(const al_text *t);

/* Sentence I as the user wrote it (original text, decoded to UTF-8, with
 * surrounding whitespace trimmed); *LEN gets its length in bytes. The text is
 * not NUL-terminated. */
const char *al_text_sentence(const al_text *t, size_t i, size_t *len);

/* Byte offset of sentence I in the decoded original, its paragraph index. */
size_t al_text_sentence_offset(const al_text *t, size_t i);
size_t al_text_sentence_paragraph(const al_text *t, size_t i);

/* The language assumed for the text ("de", "fr", "en"), given or detected. */
const char *al_text_lang(const al_text *t);

/* Result of aligning a pair: beads in order, each with a score and flags. */
typedef struct al_result al_result;

/* Aligns SRC with TGT and runs the checks enabled in the model's options.
 * The result borrows both texts: free it before them. */
al_result *al_align(al_model *m, const al_text *src, const al_text *tgt,
                    al_error *err);
void al_result_free(al_result *r);

typedef struct {
    size_t src_begin, src_len;   /* sentences [src_begin, src_begin+src_len) */
    size_t tgt_begin, tgt_len;
    double score;                /* 0..1, higher is more likely right */
} al_bead;

typedef struct {
    al_flag_code code;
    al_severity severity;
    int side;                    /* AL_SOURCE or AL_TARGET: where the span is */
    size_t span_begin, span_end; /* byte span in that side's original, or 0,0 */
    const char *message;         /* words for an editor, owned by the result */
} al_flag;

size_t al_result_count(const al_result *r);
const al_bead *al_result_bead(const al_result *r, size_t i);
size_t al_result_flag_count(const al_result *r, size_t bead);
const al_flag *al_result_flag(const al_result *r, size_t bead, size_t k);
const al_text *al_result_text(const al_result *r, int side);

/* Highest severity of any flag, or -1 when nothing was flagged. */
int al_result_max_severity(const al_result *r);

/* Stable name of a flag code ("omission") and the code for a name (-1 if
 * unknown). Same for severities ("warning") and formats ("tsv"). */
const char *al_flag_name(al_flag_code code);
int al_flag_from_name(const char *name);
const char *al_severity_name(al_severity s);
int al_severity_from_name(const char *name);
const char *al_format_name(al_format f);
int al_format_from_name(const char *name);

/* Options for writers. NULL means defaults. */
typedef struct {
    int color;                   /* text format: ANSI colors */
    const char *source_name;     /* file names shown in reports */
    const char *target_name;
} al_write_options;

/* Writes R in format FMT to OUT. Returns AL_OK or AL_EIO (write error). */
int al_write(const al_result *r, al_format fmt, FILE *out,
             const al_write_options *wo, al_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ALIGN_H */
