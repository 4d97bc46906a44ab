/* Unit tests of anchor.c: which words of a German and a French sentence
 * share a feature (a dictionary concept, a stem, a cognate). */
#include "config.h"
#include "internal.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static al_model *model;

/* Items of the one German sentence DE that share a feature with some item
 * of the one French sentence FR; -1 when the texts cannot be read. */
static long shared_items(const char *de, const char *fr)
{
    al_error err;
    al_text *s = al_text_from_bytes(model, AL_SOURCE, "de", de, strlen(de),
                                    &err);
    al_text *t = al_text_from_bytes(model, AL_TARGET, "fr", fr, strlen(fr),
                                    &err);
    al_sentfeat fs, ft;
    long n = -1;
    if (s != NULL && t != NULL && al_features(model, s, t, &fs, &ft) == AL_OK) {
        n = 0;
        for (uint32_t i = fs.ioff[0]; i < fs.ioff[1]; i++) {
            uint32_t a = fs.itype[i];
            bool hit = false;
            for (uint32_t j = ft.ioff[0]; j < ft.ioff[1] && !hit; j++) {
                uint32_t b = ft.itype[j];
                for (uint32_t x = fs.tfo[a]; x < fs.tfo[a + 1] && !hit; x++)
                    for (uint32_t y = ft.tfo[b]; y < ft.tfo[b + 1]; y++)
                        if (fs.tfeat[x] == ft.tfeat[y]) {
                            hit = true;
                            break;
                        }
            }
            n += hit;
        }
        al_sentfeat_free(&fs);
        al_sentfeat_free(&ft);
    }
    al_text_free(s);
    al_text_free(t);
    return n;
}

/* A German-French model for one-sentence-per-line texts, without the
 * anchor kinds in WITHOUT (a mask of AL_ANCHOR_ bits). */
static al_model *de_fr_model(unsigned without)
{
    al_options opt;
    al_error err;
    al_options_init(&opt);
    opt.presegmented = 1;
    opt.lang[0] = "de";
    opt.lang[1] = "fr";
    opt.anchors &= ~without;
    return al_model_new(&opt, &err);
}

/* al_lower and al_fold (lexicon.c): ASCII and the Latin-1 letters take a
 * table, everything else utf8proc_map; both give utf8proc's result. */
static void test_folding(void)
{
    static const struct {
        const char *word, *lower, *fold;
    } cases[] = {
        {"Straße", "strasse", "strasse"},
        {"ÉCOLE", "école", "ecole"},
        {"Übersicht", "übersicht", "ubersicht"},
        {"ÆØÞ×", "æøþ×", "æøþ×"},
        {"Œuvre", "œuvre", "œuvre"},                     /* U+0152: utf8proc */
        {"Cafe\xCC\x81", "café", "cafe"},               /* combining acute */
        {"µm", "μm", "μm"},                              /* U+00B5: Greek mu */
        {"l'Été", "l'été", "l'ete"},
    };
    al_buf b = {0};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t n = strlen(cases[k].word);
        char name[64];
        size_t got = al_lower(cases[k].word, n, &b);
        snprintf(name, sizeof name, "lower case of %s", cases[k].word);
        is_str(got ? b.data : "", cases[k].lower, name);
        got = al_fold(cases[k].word, n, &b);
        snprintf(name, sizeof name, "folded %s", cases[k].word);
        is_str(got ? b.data : "", cases[k].fold, name);
    }
    al_buf_free(&b);
}

/* Concepts of a lexicon word, joined by spaces. */
static void join_concept(void *ud, const char *w, size_t n)
{
    char *out = ud;
    size_t l = strlen(out);
    if (l + n + 2 < 256)
        snprintf(out + l, 256 - l, "%s%.*s", l ? " " : "", (int)n, w);
}

/* al_lexicon_load (lexicon.c) on a user dictionary alone (German to
 * German has no shipped file): translations in the order first seen, each
 * once, whether a word's lines follow each other or not; hunalign's
 * "target @ source" lines; multiword entries skipped; words folded. */
static void test_lexicon(void)
{
    static const char dict[] =
        "Haus\tmaison\nHaus\tB\xc3\xa2timent\nHaus\tmaison\n"
        "Baum\tarbre\nHaus\tfoyer\nb\xc3\xa2timent @ Geb\xc3\xa4ude\n"
        "zwei W\xc3\xb6rter\tdeux\n";
    char path[] = "/tmp/test-lexicon-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!ok(f != NULL && fputs(dict, f) >= 0 && fclose(f) == 0,
            "user dictionary written"))
        return;
    al_options opt;
    al_options_init(&opt);
    opt.user_dict = path;
    al_error err;
    al_model *m = al_model_new(&opt, &err);
    al_lexicon *lx = m ? al_lexicon_load(m, AL_LANG_DE, AL_LANG_DE, &err)
                       : NULL;
    if (ok(lx != NULL, "lexicon of a user dictionary loads")) {
        static const struct {
            int column;
            const char *word, *concepts;
        } cases[] = {
            {0, "haus", "maison batiment foyer"},
            {0, "baum", "arbre"},
            {0, "gebaude", "batiment"},
            {0, "zwei", ""},
            {1, "batiment", "batiment"},
            {1, "deux", ""},
        };
        for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
            char got[256] = "";
            al_lexicon_concepts(lx, cases[k].column, cases[k].word,
                                strlen(cases[k].word), join_concept, got);
            char name[96];
            snprintf(name, sizeof name, "lexicon: %s (column %d)",
                     cases[k].word, cases[k].column);
            is_str(got, cases[k].concepts, name);
        }
        is_int((long)al_lexicon_size(lx, 0), 3, "lexicon: 3 source words");
        is_int((long)al_lexicon_size(lx, 1), 4, "lexicon: 4 target words");
    }
    al_lexicon_free(lx);
    al_model_free(m);
    unlink(path);
}

int main(void)
{
    test_folding();
    test_lexicon();
    model = de_fr_model(0);
    if (!ok(model != NULL, "model loads"))
        return done_testing();
    if (!ok(al_model_spell(model, AL_LANG_DE) != NULL,
            "German dictionary loads")) {
        al_model_free(model);
        return done_testing();
    }
    /* Each German sentence against each French one: how many of the
     * German items find a match. */
    static const struct {
        const char *de, *fr;
        long shared;
        const char *name;
    } cases[] = {
        {"Sanktionen.\n", "Les sanctions.\n", 1,
         "a word and its translation share a concept"},
        {"Wirtschaftssanktionen.\n", "Les sanctions.\n", 1,
         "a compound matches through its head (Sanktionen)"},
        {"Die grossen.\n", "Les grands.\n", 1,
         "Swiss ss for ß: grossen (großen, stem groß) matches grands"},
        {"Die Strasse.\n", "La rue.\n", 1,
         "Strasse matches rue (folding alone: ß and ss fold alike)"},
        {"Die Strasse.\n", "La montagne.\n", 0, "and nothing else"},
        {"Die Schneemänner.\n", "Les montagnes.\n", 0,
         "unrelated words share nothing"},
        /* Marks a translation keeps. */
        {"Xqzt?\n", "Yvbw ?\n", 1, "a question matches one"},
        {"Xqzt!\n", "Yvbw !\n", 1, "an exclamation matches one"},
        {"Xqzt (Vbnm).\n", "Yvbw (Wqrt).\n", 1, "a parenthesis matches one"},
        {"\u201EXqzt\u201C.\n", "\u00ABYvbw\u00BB.\n", 1,
         "German and French quotation marks match"},
        {"Xqzt?\n", "Yvbw.\n", 0, "a question does not match a statement"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        is_int(shared_items(cases[k].de, cases[k].fr), cases[k].shared,
               cases[k].name);
    al_model_free(model);
    model = de_fr_model(1u << AL_ANCHOR_PUNCT);
    is_int(model ? shared_items("Xqzt?\n", "Yvbw ?\n") : -2, 0,
           "marks are punct anchors (--anchors=-punct: none)");
    al_model_free(model);
    return done_testing();
}
