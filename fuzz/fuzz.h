/*
 * fuzz.h - what the fuzz targets share: the layout of a fuzz input, models
 * cached per language pair, and the invariants every stage must keep.
 *
 * A target's input is one option byte followed by text. Targets that need a
 * pair split the text at its first 0x1E (ASCII record separator): source
 * before, target after; without one, both sides are the same text.
 *
 * Option byte (pair targets):
 *   bits 0-1  source language: detect, de, fr, en
 *   bits 2-3  target language
 *   bits 4-5  max_bead: 1, 2, 4, 5 (the default)
 *   bit  6    presegmented
 *   bit  7    all checks off (else all on)
 *
 * A broken invariant aborts with the file, line and condition, which
 * libFuzzer (and the replay driver) reports as a crash.
 */
#ifndef ALIGN_FUZZ_H
#define ALIGN_FUZZ_H

#include "config.h"
#include "internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(cond) do { \
        if (!(cond)) { \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, \
                    __LINE__, #cond); \
            abort(); \
        } \
    } while (0)

/* The model for a language pair (0 detect, 1 de, 2 fr, 3 en), loaded once
 * and kept for the life of the process. Dictionaries come from
 * $ALIGN_DICTDIR or the source tree. */
al_model *fuzz_model(unsigned src_lang, unsigned tgt_lang);

/* A pair target's input DATA (SIZE bytes, see above): returns the model of
 * its option byte's language pair, set to the byte's other options, and
 * points *SRC and *TGT at the two texts; NULL for an empty input. */
al_model *fuzz_pair(const uint8_t *data, size_t size, const char **src,
                    size_t *src_len, const char **tgt, size_t *tgt_len);

/* Is S[0..N) valid UTF-8 without NUL bytes? */
int fuzz_valid_utf8(const char *s, size_t n);

/* Is offset I of S (N bytes) a code point boundary? */
int fuzz_boundary(const char *s, size_t n, size_t i);

/* Aborts unless text T keeps the invariants of al_text_from_bytes: valid
 * UTF-8, sentences non-empty, in order, non-overlapping, on code point
 * boundaries in the normalized and the original text, only white space
 * between them. */
void fuzz_check_text(const al_text *t);

/* Aborts unless result R keeps al_align's invariants: beads contiguous, in
 * order, covering both texts, within max_bead, scores in [0, 1], flags
 * enabled in M and pointing into their text. */
void fuzz_check_result(const al_model *m, const al_result *r);

#endif /* ALIGN_FUZZ_H */
