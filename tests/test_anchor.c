/* Unit tests of anchor.c: which words of a German and a French sentence
 * share a feature (a dictionary concept, a stem, a cognate). */
#include "config.h"
#include "internal.h"
#include "tap.h"

#include <string.h>

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

int main(void)
{
    al_options opt;
    al_error err;
    al_options_init(&opt);
    opt.presegmented = 1;
    opt.lang[0] = "de";
    opt.lang[1] = "fr";
    model = al_model_new(&opt, &err);
    if (!ok(model != NULL, "model loads"))
        return done_testing();
    if (!ok(al_model_spell(model, AL_LANG_DE) != NULL,
            "German dictionary loads")) {
        al_model_free(model);
        return done_testing();
    }
    /* Items: Sanktionen; sanctions. */
    is_int(shared_items("Sanktionen.\n", "Les sanctions.\n"), 1,
           "a word and its translation share a concept");
    /* A compound's head: Wirtschaftssanktionen -> Sanktionen. */
    is_int(shared_items("Wirtschaftssanktionen.\n", "Les sanctions.\n"), 1,
           "a compound matches through its head");
    /* Swiss spelling: grossen is großen, whose stem groß is grand. */
    is_int(shared_items("Die grossen.\n", "Les grands.\n"), 1,
           "Swiss ss for ß: grossen matches grands");
    is_int(shared_items("Die Strasse.\n", "La rue.\n"), 1,
           "Strasse matches rue (folding alone: ß and ss fold alike)");
    is_int(shared_items("Die Strasse.\n", "La montagne.\n"), 0,
           "and nothing else");
    is_int(shared_items("Die Schneemänner.\n", "Les montagnes.\n"), 0,
           "unrelated words share nothing");
    /* Marks a translation keeps: a question, an exclamation, a
     * parenthesis, a quotation whatever its quotation marks. */
    is_int(shared_items("Xqzt?\n", "Yvbw ?\n"), 1, "a question matches one");
    is_int(shared_items("Xqzt!\n", "Yvbw !\n"), 1,
           "an exclamation matches one");
    is_int(shared_items("Xqzt (Vbnm).\n", "Yvbw (Wqrt).\n"), 1,
           "a parenthesis matches one");
    is_int(shared_items("\u201EXqzt\u201C.\n", "\u00ABYvbw\u00BB.\n"), 1,
           "German and French quotation marks match");
    is_int(shared_items("Xqzt?\n", "Yvbw.\n"), 0,
           "a question does not match a statement");
    al_model_free(model);
    al_options_init(&opt);
    opt.presegmented = 1;
    opt.lang[0] = "de";
    opt.lang[1] = "fr";
    opt.anchors &= ~(1u << AL_ANCHOR_PUNCT);
    model = al_model_new(&opt, &err);
    is_int(model ? shared_items("Xqzt?\n", "Yvbw ?\n") : -2, 0,
           "marks are punct anchors (--anchors=-punct: none)");
    al_model_free(model);
    return done_testing();
}
