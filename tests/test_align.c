/* Unit tests of align.c: beads on small pairs, and the banded search on a
 * large one. */
#include "config.h"
#include "internal.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

static al_model *model;

/* Beads of SRC/TGT (one sentence per line) as "[0]:[0] [1,2]:[1] ...". */
/* Whether beads() writes each bead's score too: "[0]:[0]:0.981". */
static bool show_scores;

static char *beads(const char *src, const char *tgt)
{
    static char out[8192];
    al_error err;
    al_text *s = al_text_from_bytes(model, AL_SOURCE, "src", src, strlen(src),
                                    &err);
    al_text *t = al_text_from_bytes(model, AL_TARGET, "tgt", tgt, strlen(tgt),
                                    &err);
    al_result *r = s && t ? al_align(model, s, t, &err) : NULL;
    out[0] = '\0';
    size_t o = 0;
    for (size_t i = 0; r != NULL && i < al_result_count(r); i++) {
        const al_bead *b = al_result_bead(r, i);
        o += (size_t)snprintf(out + o, sizeof out - o, "%s[", i ? " " : "");
        for (size_t k = 0; k < b->src_len; k++)
            o += (size_t)snprintf(out + o, sizeof out - o, "%s%zu", k ? "," : "",
                                  b->src_begin + k);
        o += (size_t)snprintf(out + o, sizeof out - o, "]:[");
        for (size_t k = 0; k < b->tgt_len; k++)
            o += (size_t)snprintf(out + o, sizeof out - o, "%s%zu", k ? "," : "",
                                  b->tgt_begin + k);
        o += (size_t)snprintf(out + o, sizeof out - o, "]");
        if (show_scores)
            o += (size_t)snprintf(out + o, sizeof out - o, ":%.3f", b->score);
    }
    al_result_free(r);
    al_text_free(s);
    al_text_free(t);
    return out;
}

static void first_concept(void *ud, const char *w, size_t n)
{
    char *out = ud;
    if (out[0] == '\0' && n < 63) {
        memcpy(out, w, n);
        out[n] = '\0';
    }
}

/* Beads of A and B compared: the number of beads, or -1 on a difference
 * (scores may differ by TOL). */
static long same_beads(const al_result *a, const al_result *b, double tol)
{
    long n = a && b && al_result_count(a) == al_result_count(b)
                 ? (long)al_result_count(a)
                 : -1;
    for (size_t i = 0; n >= 0 && i < (size_t)n; i++) {
        const al_bead *x = al_result_bead(a, i), *y = al_result_bead(b, i);
        if (x->src_begin != y->src_begin || x->src_len != y->src_len ||
            x->tgt_begin != y->tgt_begin || x->tgt_len != y->tgt_len ||
            fabs(x->score - y->score) > tol) {
            printf("# bead %zu differs: [%zu+%zu]:[%zu+%zu] %.6f vs "
                   "[%zu+%zu]:[%zu+%zu] %.6f\n", i, x->src_begin, x->src_len,
                   x->tgt_begin, x->tgt_len, x->score, y->src_begin,
                   y->src_len, y->tgt_begin, y->tgt_len, y->score);
            n = -1;
        }
    }
    return n;
}

/* Aligns S/T under model M with the test switch *FLAG off, then on: the
 * number of beads when both give the same beads, with scores within TOL,
 * or -1 on a difference. */
static long same_both_ways(al_model *m, al_text *s, al_text *t, bool *flag,
                           double tol)
{
    al_error err;
    *flag = false;
    al_result *a = al_align(m, s, t, &err);
    *flag = true;
    al_result *b = al_align(m, s, t, &err);
    *flag = false;
    long n = same_beads(a, b, tol);
    al_result_free(a);
    al_result_free(b);
    return n;
}

/* The search after the first pass runs in the posterior's forward sweep
 * (sweep_band); with al_reference_search it runs as refine, then the
 * posterior sweeps on its own. Both must give the same beads and scores on
 * S/T under model M (scores to 1e-5: the sweep keeps its sums as floats).
 * Returns the number of beads compared, or -1 on a difference. */
static long same_as_reference(al_model *m, al_text *s, al_text *t)
{
    return same_both_ways(m, s, t, &al_reference_search, 1e-5);
}

/* Sentence pairs matched a row at a time (match_row) or one by one
 * (al_reference_match): exactly the same beads and scores. */
static long same_with_pairwise_match(al_model *m, al_text *s, al_text *t)
{
    return same_both_ways(m, s, t, &al_reference_match, 0);
}

/* The two sweeps share the band's bead costs (al_sweep_memo_max) or each
 * costs its own: exactly the same beads and scores. */
static long same_without_memo(al_model *m, al_text *s, al_text *t)
{
    al_error err;
    size_t max = al_sweep_memo_max;
    al_result *a = al_align(m, s, t, &err);
    al_sweep_memo_max = 0;
    al_result *b = al_align(m, s, t, &err);
    al_sweep_memo_max = max;
    long n = same_beads(a, b, 0);
    al_result_free(a);
    al_result_free(b);
    return n;
}

/* Textberg-dev from tests/data, aligned both ways, with and without the
 * second pass. */
/* Whether two sets of anchor items of texts of N sentences are the same. */
static bool same_features(const al_sentfeat *a, const al_sentfeat *b,
                          size_t n)
{
    return a->n_items == b->n_items && a->n_types == b->n_types &&
           a->n_tfeat == b->n_tfeat &&
           memcmp(a->len, b->len, n * sizeof *a->len) == 0 &&
           memcmp(a->ioff, b->ioff, (n + 1) * sizeof *a->ioff) == 0 &&
           memcmp(a->itype, b->itype, a->n_items * sizeof *a->itype) == 0 &&
           memcmp(a->tw, b->tw, a->n_types * sizeof *a->tw) == 0 &&
           memcmp(a->tfo, b->tfo, (a->n_types + 1) * sizeof *a->tfo) == 0 &&
           memcmp(a->tfeat, b->tfeat, a->n_tfeat * sizeof *a->tfeat) == 0;
}

/* The anchor items al_align_beads hands to the checks are al_features'
 * own, without the pairs the second pass learned. */
static void test_features_handed_over(al_model *m, al_text *s, al_text *t)
{
    al_error err;
    al_result *r = al_calloc(1, sizeof *r);
    al_sentfeat kept[2], fresh[2];
    int rc = r ? al_align_beads(m, s, t, NULL, r, kept, &err) : AL_ENOMEM;
    ok(rc == AL_OK && al_features(m, s, t, &fresh[0], &fresh[1]) == AL_OK &&
           same_features(&kept[0], &fresh[0], s->n_sents) &&
           same_features(&kept[1], &fresh[1], t->n_sents),
       "textberg-dev: the items handed to the checks are al_features' own");
    if (rc == AL_OK)
        for (int k = 0; k < 2; k++) {
            al_sentfeat_free(&kept[k]);
            al_sentfeat_free(&fresh[k]);
        }
    al_result_free(r);
}

static void test_reference_textberg(const al_options *opt)
{
    char de[1024], fr[1024];
    tap_data(de, sizeof de, "tests/data/textberg-dev/de.txt");
    tap_data(fr, sizeof fr, "tests/data/textberg-dev/fr.txt");
    for (int pass = 1; pass >= 0; pass--) {
        al_options o = *opt;
        al_error err;
        o.second_pass = pass;
        al_model *m = al_model_new(&o, &err);
        al_text *s = m ? al_text_read(m, AL_SOURCE, de, &err) : NULL;
        al_text *t = m ? al_text_read(m, AL_TARGET, fr, &err) : NULL;
        is_int(s && t ? same_as_reference(m, s, t) : -2, pass ? 425 : 430,
               pass ? "textberg-dev: one sweep = refine + posterior"
                    : "textberg-dev, no second pass: one sweep = settle + "
                      "posterior");
        is_int(s && t ? same_without_memo(m, s, t) : -2, pass ? 425 : 430,
               pass ? "textberg-dev: shared bead costs change nothing"
                    : "textberg-dev, no second pass: shared bead costs "
                      "change nothing");
        if (pass && s && t)
            test_features_handed_over(m, s, t);
        is_int(s && t ? same_with_pairwise_match(m, s, t) : -2,
               pass ? 425 : 430,
               pass ? "textberg-dev: pairs matched a row at a time = one "
                      "by one"
                    : "textberg-dev, no second pass: pairs matched a row "
                      "at a time = one by one");
        al_text_free(s);
        al_text_free(t);
        al_model_free(m);
    }
}

/* The stages al_align reports, joined with '|'. */
static void record_stage(const char *stage, void *ud)
{
    char *log = ud;
    size_t n = strlen(log);
    snprintf(log + n, 256 - n, "%s%s", n ? "|" : "", stage);
}

static void test_stages(const al_options *opt)
{
    const char *want[3] = {"anchors|first pass|second pass|checks",
                           "anchors|first pass|final search|checks",
                           "anchors|first pass|second pass"};
    for (int k = 0; k < 3; k++) {
        char log[256] = "";
        al_options o = *opt;
        o.second_pass = k != 1;
        if (k == 2)
            o.checks = 0;
        o.on_stage = record_stage;
        o.stage_ud = log;
        al_error err;
        al_model *m = al_model_new(&o, &err);
        al_text *s = m ? al_text_from_bytes(m, AL_SOURCE, "s", "Ein Satz.\n", 10,
                                          &err) : NULL;
        al_text *t = m ? al_text_from_bytes(m, AL_TARGET, "t", "Une phrase.\n",
                                          12, &err) : NULL;
        al_result *r = s && t ? al_align(m, s, t, &err) : NULL;
        is_str(log, want[k], k == 0 ? "stages reported, second pass"
                             : k == 1 ? "stages reported, no second pass"
                                      : "stages reported, no checks");
        al_result_free(r);
        al_text_free(s);
        al_text_free(t);
        al_model_free(m);
    }
}

/* Appends N made-up words of three syllables to OUT (at *O, room CAP),
 * from the generator state *SEED: words in no dictionary, alike in no
 * language. */
static void made_up_words(char *out, size_t cap, size_t *o, unsigned *seed,
                          int n)
{
    static const char cons[] = "bcdfghklmnprstvz", vow[] = "aeiou";
    for (int w = 0; w < n && *o + 8 < cap; w++) {
        for (int k = 0; k < 3; k++) {
            *seed = *seed * 1103515245u + 12345u;
            out[(*o)++] = cons[(*seed >> 16) % 16];
            *seed = *seed * 1103515245u + 12345u;
            out[(*o)++] = vow[(*seed >> 16) % 5];
        }
        out[(*o)++] = ' ';
    }
    out[*o] = '\0';
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
        printf("# %s\n", err.message);
    test_stages(&opt);

    is_str(beads("Ein kurzer Satz.\nNoch ein etwas längerer Satz hier.\nEnde.\n",
                 "Une phrase courte.\nEncore une phrase un peu plus longue ici.\nFin.\n"),
           "[0]:[0] [1]:[1] [2]:[2]", "1-1 by length");
    is_str(beads("Der Zug fährt um acht Uhr ab und kommt um neun Uhr an.\nGut.\n",
                 "Le train part à huit heures.\nIl arrive à neuf heures.\nBien.\n"),
           "[0]:[0,1] [1]:[2]", "1-2 by length");
    is_str(beads("Erster Satz mit einigen Wörtern darin.\n"
                 "Dieser lange Satz wurde bei der Übersetzung vollständig ausgelassen, "
                 "obwohl er viele wichtige Informationen enthielt.\n"
                 "Dritter Satz mit einigen Wörtern.\n",
                 "Première phrase avec quelques mots dedans.\n"
                 "Troisième phrase avec quelques mots.\n"),
           "[0]:[0] [1]:[] [2]:[1]", "omitted sentence is a 1-0 bead");
    is_str(beads("Im Jahr 1953 erreichten 2 Männer den Gipfel.\n"
                 "Das Wetter war gut.\n",
                 "Le temps était bon en cette saison magnifique.\n"
                 "En 1953, 2 hommes ont atteint le sommet.\n"
                 "Le temps était bon.\n"),
           "[]:[0] [0]:[1] [1]:[2]", "numbers anchor past an addition");

    /* An omission next to an addition: a 1-0 and a 0-1 bead cost the same
     * in either order. The two-way search of band_dp must keep the order
     * the forward sweep keeps (0-1 first), or the beads would depend on
     * which of them found the path. */
    {
        const char *de = "Erster Satz mit einigen Wörtern darin.\n"
                         "Dieser lange Satz wurde bei der Übersetzung "
                         "vollständig ausgelassen, obwohl er viele wichtige "
                         "Informationen über das Wetter enthielt.\n"
                         "Dritter Satz mit einigen Wörtern.\n";
        const char *fr = "Première phrase avec quelques mots dedans.\n"
                         "Le 12 mai 1999, le train 4711 est parti.\n"
                         "Troisième phrase avec quelques mots.\n";
        is_str(beads(de, fr), "[0]:[0] []:[1] [1]:[] [2]:[2]",
               "an omission beside an addition: 0-1, then 1-0");
        al_text *s = al_text_from_bytes(model, AL_SOURCE, "s", de,
                                        strlen(de), &err);
        al_text *t = al_text_from_bytes(model, AL_TARGET, "t", fr,
                                        strlen(fr), &err);
        is_int(s && t ? same_as_reference(model, s, t) : -2, 4,
               "an omission beside an addition: band_dp = the sweep");
        al_text_free(s);
        al_text_free(t);
    }

    /* A line that holds two sentences (Text+Berg's segmentation keeps
     * "8189 m. Il semble" together) against two lines: the 2-1 bead is two
     * 1-1 beads of sentences, and its prior that of two 1-1 beads. The
     * same line with a semicolon is one sentence, and the bead a true 2-1
     * bead: the same path, less sure. */
    {
        const char *de = "Für den Cho Oyu gab es schon lange zwei "
                         "Höhenzahlen , 8153 m und 8189 m .\n"
                         "Neu gerechnet hat man seither offenbar nicht .\n"
                         "Der Dhaulagiri wurde bisher mit 8172 m angegeben .\n";
        const char *fr = "Pour le Cho Oyu on attribue depuis longtemps deux "
                         "altitudes , 8153 et 8189 m. Il semble qu' il n' y "
                         "ait pas eu de nouvelle mensuration à ce jour .\n"
                         "Le Dhaulagiri était coté jusqu' ici 8172 m .\n";
        const char *fr1 = "Pour le Cho Oyu on attribue depuis longtemps deux "
                          "altitudes , 8153 et 8189 m ; il semble qu' il n' y "
                          "ait pas eu de nouvelle mensuration à ce jour .\n"
                          "Le Dhaulagiri était coté jusqu' ici 8172 m .\n";
        show_scores = true;
        is_str(beads(de, fr), "[0,1]:[0]:0.985 [2]:[1]:0.987",
               "a line of two sentences: a sure 2-1 bead");
        is_str(beads(de, fr1), "[0,1]:[0]:0.949 [2]:[1]:0.984",
               "a line of one sentence: a less sure 2-1 bead");
        show_scores = false;
    }

    /* The second pass learns where a document's beads end: a French text
     * that ends clauses with ";" where the German goes on with "," has its
     * ";" inside beads, and the 1-2 bead of a clause with no anchor
     * ("Le ciel se dégagea ;") gets surer than in a document whose German
     * ends clauses with ";" too (ending beads there). There the beads whose
     * ends agree on ";" get surer: the second pass learns that too. */
    {
        const char *fr = "Le chien dort dans le jardin ;\n"
                         "le chat joue dans la maison .\n"
                         "Le temps était froid ;\n"
                         "l' hiver est venu tôt .\n"
                         "Mon frère achète une voiture ;\n"
                         "ma soeur achète un vélo .\n"
                         "Le matin il pleuvait ;\n"
                         "le soir le soleil brillait .\n"
                         "Le ciel se dégagea ;\n"
                         "tous se mirent au travail .\n"
                         "Le professeur écrit une lettre aux parents .\n";
        const char *last = "Endlich klarte es auf , und alle gingen an die "
                           "Arbeit .\n"
                           "Der Lehrer schreibt einen Brief an die Eltern .\n";
        char comma[1024], semicolon[1024];
        snprintf(comma, sizeof comma, "%s%s",
                 "Der Hund schläft im Garten , die Katze spielt im Haus .\n"
                 "Das Wetter war kalt , der Winter kam früh .\n"
                 "Mein Bruder kauft ein Auto , meine Schwester kauft ein "
                 "Fahrrad .\n"
                 "Am Morgen regnete es , am Abend schien die Sonne .\n",
                 last);
        snprintf(semicolon, sizeof semicolon, "%s%s",
                 "Der Hund schläft im Garten ;\ndie Katze spielt im Haus .\n"
                 "Das Wetter war kalt ;\nder Winter kam früh .\n"
                 "Mein Bruder kauft ein Auto ;\nmeine Schwester kauft ein "
                 "Fahrrad .\n"
                 "Am Morgen regnete es ;\nam Abend schien die Sonne .\n",
                 last);
        show_scores = true;
        is_str(beads(comma, fr),
               "[0]:[0,1]:0.989 [1]:[2,3]:0.988 [2]:[4,5]:0.987 "
               "[3]:[6,7]:0.968 [4]:[8,9]:0.766 [5]:[10]:0.976",
               "French ';' inside beads: the clause without anchors joins "
               "its sentence, 0.766");
        is_str(beads(semicolon, fr),
               "[0]:[0]:0.986 [1]:[1]:0.971 [2]:[2]:0.967 [3]:[3]:0.966 "
               "[4]:[4]:0.965 [5]:[5]:0.963 [6]:[6]:0.965 [7]:[7]:0.938 "
               "[8]:[8,9]:0.712 [9]:[10]:0.975",
               "';' ending beads on both sides: the same bead, less sure");
        show_scores = false;
    }

    /* Two sentences that cross two others: the German first sentence ends
     * with "250 Höhenmeter erforderten zwei Tage", which the French says at
     * the start of its second. Along the bead's diagonal, "250" and "deux
     * jours" are matches of the 2-2 bead, and the rest costs what it costs
     * in two 1-1 beads. With the sentence boundaries in the same places,
     * two 1-1 beads. */
    {
        const char *fr = "L' hiver était long et froid .\n"
                         "Les deux premières longueurs de corde au-dessus de "
                         "la rimaye coûtèrent des heures d' efforts .\n"
                         "Il fallut deux jours pour gravir 250 mètres ; six "
                         "heures de travail à la limite de l' équilibre , "
                         "pour monter enfin sur l' arête .\n"
                         "Le soir ils retournèrent au camp .\n";
        const char *crossed = "Der Winter war lang und kalt .\n"
                              "Die ersten beiden Seillängen über dem "
                              "Bergschrund hatten Stunden gekostet , 250 "
                              "Höhenmeter erforderten zwei Tage .\n"
                              "Sechs Stunden Arbeit an der Grenze des "
                              "Gleichgewichts , endlich konnten sie auf den "
                              "Grat steigen .\n"
                              "Am Abend kehrten sie ins Lager zurück .\n";
        const char *same = "Der Winter war lang und kalt .\n"
                           "Die ersten beiden Seillängen über dem Bergschrund "
                           "hatten Stunden gekostet .\n"
                           "250 Höhenmeter erforderten zwei Tage , sechs "
                           "Stunden Arbeit an der Grenze des Gleichgewichts , "
                           "endlich konnten sie auf den Grat steigen .\n"
                           "Am Abend kehrten sie ins Lager zurück .\n";
        show_scores = true;
        is_str(beads(crossed, fr), "[0]:[0]:0.969 [1,2]:[1,2]:0.715 "
               "[3]:[3]:0.978", "sentences that cross: a 2-2 bead");
        is_str(beads(same, fr), "[0]:[0]:0.986 [1]:[1]:0.981 [2]:[2]:0.988 "
               "[3]:[3]:0.994", "the same boundaries: two 1-1 beads");
        show_scores = false;
    }

    /* A sentence said twice, translated twice: two 1-1 beads. In a 2-2
     * bead each German sentence matches both French ones; counting its
     * matched words once per French sentence made the merge look better
     * translated than either 1-1 bead. */
    is_str(beads("Die Expedition erreichte den Gipfel am zweiten Tag.\n"
                 "Das kostete wieder mehrtägige harte Arbeit und 300 m fixe "
                 "Seile.\n"
                 "Das kostete wieder mehrtägige harte Arbeit und 300 m fixe "
                 "Seile.\n"
                 "Danach stiegen alle Teilnehmer sicher ins Tal ab.\n",
                 "L'expédition atteignit le sommet le deuxième jour.\n"
                 "Il fallut plusieurs jours de besogne acharnée et 300 m de "
                 "cordes fixes pour en venir à bout ;\n"
                 "Il fallut plusieurs jours de besogne acharnée et 300 m de "
                 "cordes fixes pour en venir à bout ;\n"
                 "Ensuite tous les participants redescendirent sains et saufs "
                 "dans la vallée.\n"),
           "[0]:[0] [1]:[1] [2]:[2] [3]:[3]",
           "a repeated sentence pair is two 1-1 beads, not a 2-2");

    /* A sentence whose matched words all come after its first 32 (the
     * items the pair masks hold): the matched weight must still count. */
    {
        static char de[2048], fr[2048];
        char shared[512];
        size_t od = 0, of = 0, os = 0;
        unsigned seed = 7;
        made_up_words(shared, sizeof shared, &os, &seed, 30);
        od = (size_t)snprintf(de, sizeof de, "Erster kurzer Satz hier.\n");
        of = (size_t)snprintf(fr, sizeof fr, "Première phrase courte ici.\n");
        made_up_words(de, sizeof de, &od, &seed, 32);
        made_up_words(fr, sizeof fr, &of, &seed, 32);
        snprintf(de + od, sizeof de - od, "%s.\nLetzter Satz.\n", shared);
        snprintf(fr + of, sizeof fr - of, "%s.\nDernière phrase.\n", shared);
        is_str(beads(de, fr), "[0]:[0] [1]:[1] [2]:[2]",
               "words matched past a sentence's 32nd count");
    }

    /* Only the dictionary can decide this 2-1 bead: by length alone the
     * short German sentences pair the other way. */
    const char *d1de = "Der Gipfel des Berges war sehr hoch und steil.\n"
                       "Das Wetter war schlecht.\nWir kehrten zurück.\n";
    const char *d1fr = "Le sommet de la montagne était très haut et raide, "
                       "le temps mauvais.\n"
                       "Nous sommes alors rentrés au camp de base.\n";
    is_str(beads(d1de, d1fr), "[0,1]:[0] [2]:[1]",
           "dictionary decides a 2-1 bead");
    {
        al_model *full = model;
        al_options o2 = opt;
        o2.anchors &= ~(1u << AL_ANCHOR_DICT);
        model = al_model_new(&o2, &err);
        is_str(beads(d1de, d1fr), "[0]:[0] [1,2]:[1]",
               "without the dictionary (--anchors=-dict), length decides "
               "otherwise");
        al_model_free(model);
        model = full;
    }
    /* Bead ends agree: by length alone the two parses tie nearly; the
     * German clause end ";" does not close a bead against the French
     * sentence end. */
    {
        al_model *full = model;
        const char *pde = "Der Regen fiel den ganzen langen Tag lang;\n"
                          "die Zelte blieben nass und kalt bis Ende.\n"
                          "Am Morgen danach stiegen wir ins Tal ab.\n";
        const char *pfr = "La pluie tomba toute la journée et les tentes "
                          "restaient mouillées.\n"
                          "Le lendemain matin nous sommes tous descendus "
                          "dans la vallée en bas.\n";
        al_options o2 = opt;
        o2.anchors = 1u << AL_ANCHOR_PUNCT;
        model = al_model_new(&o2, &err);
        is_str(beads(pde, pfr), "[0,1]:[0] [2]:[1]",
               "punctuation: a clause end does not close a bead");
        /* The same inside German quotes: the closing “ is looked past.
         * (The French quotes too: a quotation is an anchor.) */
        is_str(beads("\u201EDer Regen fiel den ganzen langen Tag lang;\u201C\n"
                     "die Zelte blieben nass und kalt bis Ende.\n"
                     "Am Morgen danach stiegen wir ins Tal ab.\n",
                     "\u00ABLa pluie tomba toute la journ\u00E9e\u00BB et les "
                     "tentes restaient mouill\u00E9es.\n"
                     "Le lendemain matin nous sommes tous descendus "
                     "dans la vall\u00E9e en bas.\n"),
               "[0,1]:[0] [2]:[1]",
               "punctuation: a clause end inside German quotes");
        /* A German sentence cut inside a parenthesis ("(Weg:" ... "Feld)")
         * is one bead with the French sentence that holds the whole
         * parenthesis; closed before the cut, length pairs them 1-1. */
        const char *ofr = "Nous vimes maison mont val chemin (mont, maison "
                          "mont val chemin bois champ).\n"
                          "maison mont aujourd hui.\n"
                          "La fin vint vite.\n";
        is_str(beads("Wir sahen Haus Berg Tal (Weg:\n"
                     "Haus Berg Tal Weg Wald Feld) heute.\n"
                     "Das Ende kam bald.\n", ofr),
               "[0,1]:[0,1] [2]:[2]",
               "punctuation: no bead ends inside a parenthesis on one side");
        is_str(beads("Wir sahen Haus Berg Tal (Weg):\n"
                     "Haus Berg Tal Weg Wald Feld heute.\n"
                     "Das Ende kam bald.\n", ofr),
               "[0]:[0] [1]:[1] [2]:[2]",
               "punctuation: the parenthesis closed, length decides");
        al_model_free(model);
        o2.anchors = 0;
        model = al_model_new(&o2, &err);
        is_str(beads(pde, pfr), "[0]:[0] [1,2]:[1]",
               "length alone cuts after the clause");
        al_model_free(model);
        model = full;
    }
    is_int(al_anchor_from_name("stems"), AL_ANCHOR_STEMS, "anchor name stems");
    is_int(al_anchor_from_name("names"), -1, "unknown anchor name");
    is_str(al_anchor_name(AL_ANCHOR_COGNATES), "cognates", "anchor kind name");

    /* A user dictionary in hunalign's "target @ source" format. */
    {
        char path[] = "/tmp/align-dict-XXXXXX";
        int fd = mkstemp(path);
        const char *d = "flimzor @ Zorblat\n";
        if (fd >= 0 && write(fd, d, strlen(d)) > 0)
            close(fd);
        al_options o2;
        al_options_init(&o2);
        o2.user_dict = path;
        al_model *m2 = al_model_new(&o2, &err);
        const al_lexicon *lx = m2 ? al_model_lexicon(m2, AL_LANG_DE,
                                                     AL_LANG_FR, &err) : NULL;
        char got[64] = "";
        if (lx != NULL)
            al_lexicon_concepts(lx, 0, "zorblat", 7, first_concept, got);
        is_str(got, "flimzor", "user dictionary entry (hunalign format)");
        al_model_free(m2);
        unlink(path);
    }

    /* Scores are probabilities. */
    {
        al_text *s1 = al_text_from_bytes(model, AL_SOURCE, "s", d1de,
                                         strlen(d1de), &err);
        al_text *t1 = al_text_from_bytes(model, AL_TARGET, "t", d1fr,
                                         strlen(d1fr), &err);
        al_result *r1 = al_align(model, s1, t1, &err);
        int in_range = r1 != NULL;
        for (size_t i = 0; r1 && i < al_result_count(r1); i++) {
            double sc = al_result_bead(r1, i)->score;
            in_range = in_range && sc >= 0 && sc <= 1;
        }
        ok(in_range, "bead scores lie in [0, 1]");
        al_result_free(r1);
        al_text_free(s1);
        al_text_free(t1);
    }

    /* A large pair: 3000 sentences against the same 3000 sentences with
     * every 100th dropped (block 0), then with sentences 1200-1499 dropped
     * in a row (block 1); the coarse-to-fine search must find them all. */
    for (int block = 0; block < 2; block++) {
        const char *words[] = {"Berg ", "Gipfel ", "Expedition ", "Lager ",
                               "Schnee ", "Eis "};
        char *src = malloc(3000 * 160), *tgt = malloc(3000 * 160);
        size_t so = 0, to = 0;
        unsigned seed = 7;
        for (int i = 0; i < 3000; i++) {
            char line[160];
            size_t l = 0;
            seed = seed * 1103515245u + 12345u;
            int nw = 1 + (int)((seed >> 16) % 9);
            for (int w = 0; w < nw; w++) {
                seed = seed * 1103515245u + 12345u;
                const char *x = words[(seed >> 16) % 6];
                memcpy(line + l, x, strlen(x));
                l += strlen(x);
            }
            l += (size_t)snprintf(line + l, sizeof line - l, "%d.\n", i);
            memcpy(src + so, line, l);
            so += l;
            if (block ? i < 1200 || i >= 1500 : i % 100 != 50) {
                memcpy(tgt + to, line, l);
                to += l;
            }
        }
        src[so] = tgt[to] = '\0';
        al_text *s = al_text_from_bytes(model, AL_SOURCE, "s", src, so, &err);
        al_text *t = al_text_from_bytes(model, AL_TARGET, "t", tgt, to, &err);
        if (s == NULL || t == NULL)
            printf("# %s\n", err.message);
        const char *what = block ? "large pair, a block dropped"
                                 : "large pair";
        char name[96];
        snprintf(name, sizeof name, "%s: one sweep = refine + posterior",
                 what);
        is_int(s && t ? same_as_reference(model, s, t) : -2, 3000, name);
        snprintf(name, sizeof name, "%s: pairs matched a row at a time = one "
                 "by one", what);
        is_int(s && t ? same_with_pairwise_match(model, s, t) : -2, 3000, name);
        al_result *r = s && t ? al_align(model, s, t, &err) : NULL;
        size_t nulls = 0, ones = 0, other = 0;
        for (size_t i = 0; r && i < al_result_count(r); i++) {
            const al_bead *b = al_result_bead(r, i);
            bool dropped = block ? b->src_begin >= 1200 && b->src_begin < 1500
                                 : b->src_begin % 100 == 50;
            if (b->src_len == 1 && b->tgt_len == 0 && dropped)
                nulls++;
            else if (b->src_len == 1 && b->tgt_len == 1)
                ones++;
            else
                other++;
        }
        snprintf(name, sizeof name, "%s: every dropped sentence found", what);
        is_int(nulls, block ? 300 : 30, name);
        snprintf(name, sizeof name, "%s: all other beads 1-1", what);
        is_int(ones, block ? 2700 : 2970, name);
        snprintf(name, sizeof name, "%s: no other beads", what);
        is_int(other, 0, name);
        al_result_free(r);
        al_text_free(s);
        al_text_free(t);
        free(src);
        free(tgt);
    }
    al_model_free(model);
    test_reference_textberg(&opt);
    return done_testing();
}
