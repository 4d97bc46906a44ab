/* Unit tests of spell.c: hunspell spelling and stems through the cache. */
#include "config.h"
#include "internal.h"
#include "tap.h"

struct load_job {
    al_model *m;
    al_spell **out;
};

static void *load_english(void *arg)
{
    struct load_job *j = arg;
    *j->out = al_model_spell(j->m, AL_LANG_EN);
    return NULL;
}

int main(void)
{
    al_options opt;
    al_error err;
    al_options_init(&opt);
    al_model *m = al_model_new(&opt, &err);
    al_spell *de = al_model_spell(m, AL_LANG_DE);
    al_spell *fr = al_model_spell(m, AL_LANG_FR);
    if (!ok(de != NULL && fr != NULL, "German and French dictionaries load"))
        return done_testing();
    ok(al_spell_check(de, "Sanktionen", 10), "Sanktionen is German");
    ok(!al_spell_check(de, "Sanktjonen", 10), "Sanktjonen is not");
    ok(al_spell_check(de, "Sanktionen", 10), "second answer from the cache");
    al_buf st[4] = {{0}};
    size_t n = al_spell_stems(de, "Sanktionen", 10, st, 4);
    is_int(n, 2, "two stems");
    is_str(n > 1 ? st[1].data : "", "Sanktion", "Sanktionen -> Sanktion");
    is_str(n > 0 ? st[0].data : "", "sanktion", "and its lowercase form");
    n = al_spell_stems(fr, "sanctions", 9, st, 4);
    ok(n >= 1, "sanctions has a stem");
    is_str(n ? st[0].data : "", "sanction", "sanctions -> sanction");
    n = al_spell_stems(de, "Xqzzyb", 6, st, 4);
    is_int(n, 0, "unknown word has no stem");
    /* Swiss Standard German: "ss" for "ß". */
    ok(al_spell_check(de, "grossen", 7), "grossen is German (Swiss)");
    n = al_spell_stems(de, "grossen", 7, st, 4);
    is_int(n, 1, "grossen has one stem");
    is_str(n ? st[0].data : "", "gro\xc3\x9f", "grossen -> groß");
    n = al_spell_stems(de, "schliesslich", 12, st, 4);
    is_str(n ? st[0].data : "", "schlie\xc3\x9flich",
           "schliesslich -> schließlich");
    ok(al_spell_check(de, "Grossstadt", 10), "Grossstadt: ß before s");
    ok(!al_spell_check(de, "Xqzzyss", 7), "an unknown word with ss is not");
    ok(!al_spell_check(fr, "grossen", 7), "French words keep their ss");
    for (int i = 0; i < 4; i++)
        al_buf_free(&st[i]);
    ok(al_model_spell(m, AL_LANG_DE) == de, "loaded once");
    /* Dictionaries are the process's: a second model shares them, and they
     * outlive the model that loaded them. */
    al_model *m2 = al_model_new(&opt, &err);
    ok(m2 != NULL && al_model_spell(m2, AL_LANG_DE) == de,
       "a second model shares the German dictionary");
    al_model_free(m);
    ok(m2 != NULL && al_model_spell(m2, AL_LANG_FR) == fr,
       "and the French one");
    ok(al_spell_check(de, "Sanktionen", 10),
       "the dictionary answers after its first model is freed");
    /* Two threads load the English dictionary at once (after the pin of
     * the UTF-8 table): one speller. */
    al_model *m3 = al_model_new(&opt, &err);
    al_spell *en[2] = {NULL, NULL};
    struct load_job jobs[2] = {{m2, &en[0]}, {m3, &en[1]}};
    al_run_two(load_english, &jobs[0], &jobs[1]);
    ok(en[0] != NULL && en[0] == en[1],
       "English loaded by two threads at once: one speller");
    ok(en[0] != NULL && al_spell_check(en[0], "mountain", 8),
       "and it answers");
    al_model_free(m2);
    al_model_free(m3);
    return done_testing();
}
