/* Unit tests of the checks (check*.c): one tiny pair per code and per
 * signal, with the exact flags, spans and messages expected. */
#include "config.h"
#include "internal.h"
#include "tap.h"

#include <pthread.h>
#include <stdlib.h>

static al_model *fr_de, *de_fr;

/* Flags of aligning SRC and TGT with model M, as
 * "bead:code:severity[:span text]" joined by spaces; with MESSAGES, each
 * followed by " (message)". */
static char *run(al_model *m, const char *src, const char *tgt, bool messages,
                 char *out, size_t cap)
{
    al_error err;
    al_text *s = al_text_from_bytes(m, AL_SOURCE, "src", src, strlen(src),
                                    &err);
    al_text *t = al_text_from_bytes(m, AL_TARGET, "tgt", tgt, strlen(tgt),
                                    &err);
    al_result *r = s && t ? al_align(m, s, t, &err) : NULL;
    size_t o = 0;
    out[0] = '\0';
    if (r == NULL)
        snprintf(out, cap, "error: %s", err.message);
    for (size_t i = 0; r != NULL && i < al_result_count(r); i++)
        for (size_t k = 0; k < al_result_flag_count(r, i); k++) {
            const al_flag *f = al_result_flag(r, i, k);
            const al_text *x = al_result_text(r, f->side);
            o += (size_t)snprintf(out + o, cap - o, "%s%zu:%s:%s",
                                  o ? " " : "", i, al_flag_name(f->code),
                                  al_severity_name(f->severity));
            if (f->span_end > f->span_begin)
                o += (size_t)snprintf(out + o, cap - o, ":%.*s",
                                      (int)(f->span_end - f->span_begin),
                                      x->orig + f->span_begin);
            if (messages)
                o += (size_t)snprintf(out + o, cap - o, " (%s)", f->message);
        }
    al_result_free(r);
    al_text_free(s);
    al_text_free(t);
    return out;
}

static char buf[8192];

/* Flags, as run() prints them with messages, of checking SRC and TGT
 * (sentence a line) with model M on the beads given as "SB+SN:TB+TN"
 * separated by spaces, each scored 1 unless followed by "@SCORE": the
 * checker alone, on beads an aligner might cut. */
static char *check_beads(al_model *m, const char *src, const char *tgt,
                         const char *beads)
{
    al_error err;
    al_text *s = al_text_from_bytes(m, AL_SOURCE, "src", src, strlen(src),
                                    &err);
    al_text *t = al_text_from_bytes(m, AL_TARGET, "tgt", tgt, strlen(tgt),
                                    &err);
    al_result *r = al_calloc(1, sizeof *r);
    r->text[0] = s;
    r->text[1] = t;
    r->beads = al_calloc(16, sizeof *r->beads);
    for (const char *p = beads; *p != '\0' && r->n_beads < 16;) {
        al_bead *b = &r->beads[r->n_beads++];
        char *e;
        b->src_begin = strtoul(p, &e, 10);
        b->src_len = strtoul(e + 1, &e, 10);
        b->tgt_begin = strtoul(e + 1, &e, 10);
        b->tgt_len = strtoul(e + 1, &e, 10);
        b->score = *e == '@' ? strtod(e + 1, &e) : 1.0;
        p = *e == ' ' ? e + 1 : e;
    }
    size_t o = 0;
    buf[0] = '\0';
    if (al_check(m, r, NULL, &err) != AL_OK)
        snprintf(buf, sizeof buf, "error: %s", err.message);
    /* Flags are added bead after bead; al_check does not index them. */
    for (size_t k = 0; k < r->n_flags; k++) {
        const al_flag_rec *f = &r->flags[k];
        const al_text *x = f->side == AL_SOURCE ? s : t;
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%zu:%s:%s",
                              o ? " " : "", f->bead, al_flag_name(f->code),
                              al_severity_name(f->severity));
        if (f->span_end > f->span_begin)
            o += (size_t)snprintf(buf + o, sizeof buf - o, ":%.*s",
                                  (int)(f->span_end - f->span_begin),
                                  x->orig + f->span_begin);
        o += (size_t)snprintf(buf + o, sizeof buf - o, " (%s)", f->message);
    }
    al_result_free(r);
    al_text_free(s);
    al_text_free(t);
    return buf;
}

static char *flags(const char *src, const char *tgt)
{
    return run(fr_de, src, tgt, false, buf, sizeof buf);
}

static char *messages(const char *src, const char *tgt)
{
    return run(fr_de, src, tgt, true, buf, sizeof buf);
}

static char *flags_de_fr(const char *src, const char *tgt)
{
    return run(de_fr, src, tgt, false, buf, sizeof buf);
}

static al_model *model(const char *src, const char *tgt, unsigned checks,
                       double min_score)
{
    al_options opt;
    al_error err;
    al_options_init(&opt);
    opt.presegmented = 1;
    opt.lang[0] = src;
    opt.lang[1] = tgt;
    opt.checks = checks;
    opt.min_score = min_score;
    al_model *m = al_model_new(&opt, &err);
    if (m == NULL)
        printf("# %s\n", err.message);
    return m;
}

#define ALL ((1u << AL_FLAG_COUNT) - 1)
#define NO_LOW (ALL & ~(1u << AL_FLAG_LOW_CONFIDENCE))

/* Three ordinary pairs around a test bead give the length model its
 * ratio. */
#define FR_PAD "Le train roule de nouveau entre les deux villes de la vallée.\n"
#define DE_PAD "Der Zug fährt wieder zwischen den beiden Städten des Tals.\n"
#define FR_END "Une étude de faisabilité doit être publiée en janvier.\n"
#define DE_END "Eine Machbarkeitsstudie soll im Januar vorliegen.\n"

static void test_numbers(void)
{
    is_str(flags("Il y avait 1 500 touristes.\n", "Es gab 1.500 Touristen.\n"),
           "", "same number in two locales: no flag");
    is_str(messages("Il y avait 1 500 touristes.\n",
                    "Es gab 1.800 Touristen.\n"),
           "0:number:error:1.800 (1 500 in the source is 1.800 in the "
           "translation)", "changed number: one flag naming both numbers");
    is_str(messages("Il y a 12 gares et 1 500 voyageurs.\n",
                    "Es gibt 1.500 Fahrgäste.\n"),
           "0:number:error:12 (12 of the source is missing in the "
           "translation)", "missing number: span in the source");
    is_str(messages("Il y a 1 500 voyageurs.\n",
                    "Es gibt 12 Bahnhöfe und 1.500 Fahrgäste.\n"),
           "0:number:error:12 (12 in the translation is not in the source)",
           "added number: span in the translation");
    is_str(flags("Le 6 janvier, 5,5 milliards.\n",
                 "Am 6. Januar 5,5 Milliarden.\n"),
           "", "date with ordinal, decimal comma");
    is_str(messages("Le 3 octobre, la vente reprend.\n",
                    "Am 3. November beginnt der Verkauf wieder.\n"),
           "0:number:error:November (octobre in the source is November in "
           "the translation)", "changed month");
    is_str(flags("Elle date du XIXe siècle.\n",
                 "Sie stammt aus dem 19. Jahrhundert.\n"),
           "", "XIXe siècle = 19. Jahrhundert");
    is_str(flags("Les travaux ont duré trois ans.\n",
                 "Die Arbeiten dauerten 3 Jahre.\n"),
           "", "trois = 3");
    is_str(flags("Les travaux ont duré trois ans.\n",
                 "Die Arbeiten dauerten drei Jahre.\n"),
           "", "trois = drei");
    is_str(flags("Il est parti vers 15 h 30.\n",
                 "Er ging gegen 15.30 Uhr.\n"),
           "", "15 h 30 = 15.30 Uhr");
    is_str(flags("Entre 1954 et 1955, il a exploré la région.\n",
                 "1954/55 erkundete er die Gegend.\n"),
           "", "1954 et 1955 = 1954/55");
    is_str(flags("Le lac est profond de 1,5 m.\n",
                 "Der See ist 1 \xC2\xBD m tief.\n"),
           "", "1,5 = 1 ½");
    is_str(flags("En 1956, deux fois, en 1956.\n",
                 "1956 zweimal.\n"),
           "", "a number repeated on one side is no difference");
    is_str(flags("C'est le quatrième « 8000 » gravi.\n",
                 "Es ist der vierte bestiegene Achttausender.\n"),
           "", "Achttausender = 8000");
    is_str(flags("Le camp V est installé.\n", "Lager 5 wird errichtet.\n"),
           "", "camp V = Lager 5");
    is_str(flags("Il fallut réduire à 27 kg les charges de 1' officier.\n",
                 "Die Lasten des Offiziers wurden auf 27 kg gekürzt.\n"),
           "", "1' for l' (OCR) is no number");
    is_str(messages("L’Everest, gravi deux fois, en 1956.\n",
                    "Der Mount Everest (8848 m) wurde 1956 zweimal "
                    "bestiegen.\n"),
           "0:number:error:8848 (8848 in the translation is not in the "
           "source)", "a missing number is not paired with a number word");
    is_str(messages("Le premier lot a été vendu le 14 juillet.\n",
                    "Die erste Charge kam am 15. Juli in den Verkauf.\n"),
           "0:number:error:15 (14 in the source is 15 in the translation)",
           "changed day of a date");
}

static void test_encoding(void)
{
    is_str(flags("Une phrase.\n", "Ein Satz mit \xEF\xBF\xBD Fehler.\n"),
           "0:encoding:error:\xEF\xBF\xBD", "U+FFFD, spanned");
    is_str(messages("Nos grands-parents le savaient.\n",
                    "Unsere Gro\xC3\x83\xC5\xB8" "eltern wussten es.\n"),
           "0:encoding:error:\xC3\x83\xC5\xB8 (the translation contains "
           "mojibake (UTF-8 read as Latin-1 or Windows-1252): "
           "\xC3\x83\xC5\xB8)", "mojibake ÃŸ for ß");
    is_str(flags("\xF0\x9F\xA7\x80 La visite aura lieu samedi.\n",
                 "???? Die Besichtigung findet am Samstag statt.\n"),
           "0:encoding:error:????", "???? where the source has an emoji");
    is_str(flags_de_fr("Trotz seiner Höhe ist der Berg leicht.\n",
                       "Malgr? son altitude, la montagne est facile.\n"),
           "0:encoding:error:?", "a lone ? inside a sentence");
    is_str(flags("Pourquoi ? Personne ne le sait.\n",
                 "Warum? Niemand weiß es.\n"),
           "", "a question inside a sentence on both sides");
    is_str(flags("Vraiment ??\n", "Wirklich ??\n"),
           "", "?? on both sides is not damage");
    is_str(flags("Une phrase.\n", "Ein Satz\x01 mit Steuerzeichen.\n"),
           "0:encoding:error:\x01", "control character");
}

static void test_omission_addition(void)
{
    is_str(flags(FR_PAD "Cette phrase très longue a été complètement oubliée "
                 "dans la traduction allemande, hélas, avec tous ses "
                 "détails.\n" FR_END,
                 DE_PAD DE_END),
           "1:omission:error", "omitted sentence: error");
    is_str(messages(FR_PAD "Bibliographie\n" FR_END, DE_PAD DE_END),
           "1:omission:warning (source heading or label not translated)",
           "omitted heading: warning");
    is_str(messages(FR_PAD FR_END,
                    DE_PAD "Für Erwachsene kostet der Eintritt fünf Euro, "
                    "Kinder zahlen nichts und Hunde bleiben draußen.\n"
                    DE_END),
           "1:addition:warning (translation has text with no source)",
           "added sentence: warning");
    is_str(messages(FR_PAD FR_END,
                    DE_PAD "Aus dem Französischen übersetzt von Anne "
                    "Castella\n" DE_END),
           "1:addition:info (translation has boilerplate with no source "
           "(navigation, credit or caption line): remove it?)",
           "credit line: info with its own hint");
    is_str(flags(FR_PAD FR_END, DE_PAD "PREV Langlaufen | Eine Erinnerung, "
                 "die sich für immer in unser Gedächtnis einprägt\n" DE_END),
           "1:addition:info", "PREV teaser line: boilerplate");
    is_str(messages(FR_PAD FR_END,
                    DE_PAD "Mehr zum Thema Landwirtschaft\n" DE_END),
           "0:addition:info:Mehr zum Thema Landwirtschaft (translation has "
           "boilerplate (navigation, credit or caption line) with no source: "
           "remove it?)", "navigation line merged into a bead: spanned");
    is_str(flags(FR_PAD FR_END, DE_PAD "* , *^\n" DE_END),
           "1:addition:info:* , *^", "noise merged into a bead: info");
    is_str(flags(FR_PAD "Photo : AFP\n" FR_END,
                 DE_PAD "Bild: AFP\n" DE_END), "",
           "caption with its translation: nothing");
}

/* A sentence of a merged bead that the other side does not translate
 * (check_merge.c), and numbers and names that a neighbouring bead holds. */
static void test_merge_and_neighbours(void)
{
    /* Four ordinary pairs first, so that the merged bead does not skew the
     * document's length ratio. */
    const char *fr = FR_PAD FR_PAD FR_PAD FR_PAD
        "Le maire Dupont a signé quatorze contrats avec Berne en 1987, puis "
        "il a quitté Montbéliard pour toujours sans dire un seul mot.\n"
        "La gare de Montreuil a ouvert ses portes lundi matin.\n" FR_END;
    const char *de = DE_PAD DE_PAD DE_PAD DE_PAD "Der Bahnhof von Montreuil "
        "hat am Montagmorgen geöffnet.\n" DE_END;
    is_str(check_beads(fr_de, fr, de, "0+1:0+1 1+1:1+1 2+1:2+1 3+1:3+1 "
                       "4+2:4+1 6+1:5+1"),
           "4:omission:warning:Le maire Dupont a signé quatorze contrats "
           "avec Berne en 1987, puis il a quitté Montbéliard pour "
           "toujours sans dire un seul mot. (source sentence 1 of 2 in "
           "this pair seems not translated: the translation matches the "
           "others and is as long as they are) 4:number:error:1987 (1987 "
           "of the source is missing in the translation) 4:length:warning "
           "(translation is 43 % of the expected length (55 of 127 "
           "characters): part of the source may be missing)",
           "sentence merged into a bead without its translation: "
           "omission with its span");
    is_str(check_beads(fr_de, fr, de, "0+1:0+1 1+1:1+1 2+1:2+1 3+1:3+1 "
                       "4+1:4+0 5+1:4+1 6+1:5+1"),
           "4:omission:error (source sentence not translated)",
           "the same sentence alone: omission of the bead");
    const char *de2 = DE_PAD "Der Bahnhof von Montreuil hat am Montagmorgen "
        "geöffnet.\nBürgermeister Dupont unterschrieb 1987 vierzehn Verträge "
        "mit Bern.\n" DE_END;
    is_str(check_beads(fr_de, FR_PAD "La gare de Montreuil a ouvert ses "
                       "portes lundi matin.\n" FR_END, de2,
                       "0+1:0+1 1+1:1+2 2+1:3+1"),
           "1:addition:warning:Bürgermeister Dupont unterschrieb 1987 "
           "vierzehn Verträge mit Bern. (translation sentence 2 of 2 in "
           "this pair seems to have no source: the source matches the "
           "others and is as long as they are) 1:number:error:1987 (1987 "
           "in the translation is not in the source)",
           "added sentence merged into a bead: addition with its span");
    is_str(check_beads(de_fr, de2, FR_PAD "La gare de Montreuil a ouvert ses "
                       "portes lundi matin.\n" FR_END,
                       "0+1:0+1 1+2:1+1 3+1:2+1"),
           "1:omission:warning:Bürgermeister Dupont unterschrieb 1987 "
           "vierzehn Verträge mit Bern. (source sentence 2 of 2 in this "
           "pair seems not translated: the translation matches the others "
           "and is as long as they are) 1:number:error:1987 (1987 of the "
           "source is missing in the translation)",
           "German source sentence merged: omission with its span");
    is_str(check_beads(fr_de, FR_PAD "La gare a ouvert lundi matin, sous la "
                       "pluie.\nLe maire Dupont était là avec 1 500 "
                       "voyageurs.\n" FR_END,
                       DE_PAD "Der Bahnhof hat am Montagmorgen im Regen mit "
                       "1.500 Fahrgästen geöffnet.\nBürgermeister Dupont war "
                       "dabei.\n" DE_END,
                       "0+1:0+1 1+1:1+1 2+1:2+1 3+1:3+1"),
           "1:number:info:1.500 (1.500 of the translation is in the "
           "source of the next pair: the pairs are cut differently) "
           "2:number:info:1 500 (1 500 of the source is in the "
           "translation of the previous pair: the pairs are cut "
           "differently)",
           "number in the neighbouring bead: info on both beads");
    is_str(check_beads(fr_de, FR_PAD "Le maire Dupont a ouvert la gare lundi "
                       "matin.\nIl pleuvait sur toute la vallée.\n" FR_END,
                       DE_PAD "Der Bürgermeister hat den Bahnhof am "
                       "Montagmorgen eröffnet.\nEs regnete, und Dupont stand "
                       "im Regen im ganzen Tal.\n" DE_END,
                       "0+1:0+1 1+1:1+1 2+1:2+1 3+1:3+1"),
           "2:name:info:Dupont (Dupont of the translation is in the "
           "source of the previous pair: the pairs are cut differently)",
           "name of the translation in the source of the neighbouring bead: "
           "info");
}

/* A pair whose sides share none of their anchors (check_merge.c): the
 * aligner paired a sentence whose translation was left out with the
 * translation of its neighbour. */
static void test_unrelated(void)
{
    const char *fr = FR_PAD "Le maire Dupont a signé quatorze contrats avec "
        "Berne en 1987.\nLa gare de Montreuil a ouvert ses portes lundi "
        "matin.\n" FR_END;
    const char *de = DE_PAD "Der Bahnhof von Montreuil hat am Montagmorgen "
        "geöffnet.\n" DE_END;
    is_str(check_beads(fr_de, fr, de, "0+1:0+1@0.3 1+1:1+1@0.3 2+1:1+0 "
                       "3+1:2+1"),
           "1:omission:warning:Le maire Dupont a signé quatorze contrats "
           "avec Berne en 1987. (the translation does not seem to translate "
           "this source: they share almost none of their numbers, names and "
           "words, and the alignment is unsure (score 0.30); its "
           "translation may be missing) 1:addition:warning:Der Bahnhof von "
           "Montreuil hat am Montagmorgen geöffnet. (this translation does "
           "not seem to translate its source: they share almost none of "
           "their numbers, names and words, and the alignment is unsure "
           "(score 0.30); it may belong to a neighbouring pair or have no "
           "source) 1:number:error:1987 (1987 of the source is missing in "
           "the translation) 1:name:info:Montreuil (Montreuil of the "
           "translation is in the source of the next pair: the pairs are "
           "cut differently) 2:omission:error (source sentence not "
           "translated)",
           "shifted pair, unsure: omission and addition with their spans; "
           "a translated pair as unsure: nothing");
    is_str(check_beads(fr_de, fr, de, "0+1:0+1 1+1:1+1@0.6 2+1:1+0 "
                       "3+1:2+1"),
           "1:number:error:1987 (1987 of the source is missing in the "
           "translation) 1:name:info:Montreuil (Montreuil of the translation "
           "is in the source of the next pair: the pairs are cut "
           "differently) 2:omission:error (source sentence not translated)",
           "the same pair, more likely right than wrong: not unrelated");
}

static void test_length(void)
{
    is_str(messages(FR_PAD "Certains voisins se plaignent du passage des "
                    "camions sur la route étroite qui mène à la grotte.\n"
                    FR_END,
                    DE_PAD "Manche Nachbarn klagen.\n" DE_END),
           "1:length:warning (translation is 39 % of the expected length "
           "(23 of 59 characters): part of the source may be missing)",
           "translation far too short");
    is_str(flags(FR_PAD "Oui.\n" FR_END, DE_PAD "Ja, genau.\n" DE_END),
           "", "short sentences: small differences are no outlier");
}

static void test_language(void)
{
    const char *fr = "Le comté est l’un des fromages les plus anciens de "
                     "France.\n";
    is_str(flags(fr, fr),
           "0:untranslated:error:Le comté est l’un des fromages les plus "
           "anciens de France.", "target repeats the source");
    is_str(messages("Elle étudie les parois de la cavité depuis 2019.\n",
                    "She has been studying the walls of the cave since "
                    "2019.\n"),
           "0:wrong-language:error:She has been studying the walls of the "
           "cave since 2019. (the translation is in English, not German "
           "(0 of 10 words accepted by the German dictionary))",
           "English in a German translation");
    is_str(flags("Elle étudie les parois de la cavité depuis 2019.\n",
                 "Sie untersucht seit 2019 die Wände der Höhle.\n"),
           "", "German translation: no language flag");
    is_str(flags("Nanga Parbat, Cho Oyu, Gasherbrum.\n",
                 "Nanga Parbat, Cho Oyu, Gasherbrum.\n"),
           "", "identical list of names is not untranslated");
}

static void test_garbled(void)
{
    is_str(messages("La commune a promis d'élargir la chaussée.\n",
                    "Die Gemeinde Gemeinde hat versprochen, die Fahrbahn zu "
                    "verbreitern.\n"),
           "0:garbled:warning:Gemeinde Gemeinde (word repeated: Gemeinde "
           "Gemeinde)", "doubled word, spanned");
    is_str(flags("Nous nous sommes trompés.\n", "Wir haben uns geirrt.\n"),
           "", "French target not tested here; German fine");
    is_str(flags_de_fr("Wir haben uns geirrt.\n",
                       "Nous nous sommes trompés.\n"),
           "", "nous nous may repeat");
    is_str(flags_de_fr("Die Kunden mussten bis zum 3. Oktober warten.\n",
                       "Les clients ont dû attendre jusqu' au 3 octobre "
                       "pour le .\n"),
           "0:garbled:warning:Les clients ont dû attendre jusqu' au 3 "
           "octobre pour le .", "sentence cut off after an article");
    is_str(flags_de_fr("Das kostete wieder mehrere Tage harte Arbeit und "
                       "300 m Seile .\n",
                       "il fallut de nouveau plusieurs jours de Cela dur "
                       "travail et 300 m de cordes .\n"),
           "0:garbled:warning:il fallut de nouveau plusieurs jours de Cela "
           "dur travail et 300 m de cordes .",
           "word salad: lowercase start and a capitalized word inside");
    is_str(flags_de_fr("Es war sehr schwierig , den Grat zu erreichen .\n",
                       "Il fut très difficile d' atteindre l' arête .\n"),
           "", "clean French with elisions: no flag");
    is_str(flags_de_fr("Im Herbst arbeitet Toni Hagen in Nepal .\n",
                       "Toni Hagen travaille au Népal depuis le automne .\n"),
           "0:garbled:warning:Toni Hagen travaille au Népal depuis le "
           "automne .", "le before a vowel: no elision");
    is_str(flags_de_fr("Im Herbst arbeitet Toni Hagen in Nepal .\n",
                       "Toni Hagen travaille au Népal depuis l' automne .\n"),
           "", "l' automne: fine");
    is_str(flags_de_fr("Es war sehr schwierig , den Grat zu erreichen .\n",
                       "très fut Il difficile d' l' arête atteindre .\n"),
           "0:garbled:warning:très fut Il difficile d' l' arête atteindre .",
           "word salad: elision before a consonant, case");
}

static void test_names(void)
{
    is_str(messages("L’idée vient de Marc Vuillemin, le fromager en chef.\n",
                    "Die Idee stammt vom Chefkäser.\n"),
           "0:name:warning:Vuillemin (Vuillemin of the source is missing in "
           "the translation)", "name dropped");
    is_str(flags("L’idée vient de Marc Vuillemin, le fromager en chef.\n",
                 "Die Idee stammt von Marc Vuillemin, dem Chefkäser.\n"),
           "", "name kept");
    is_str(flags("Il a gravi le K2 en juillet.\n",
                 "Er bestieg den K 2 im Juli.\n"),
           "", "K2 = K 2");
}

static void test_punctuation(void)
{
    is_str(messages("Pourquoi ce succès ?\n", "Warum dieser Erfolg.\n"),
           "0:punctuation:warning:. (the source asks a question; the "
           "translation does not)", "question turned into a statement");
    is_str(messages("Le coût (1,8 million) est élevé.\n",
                    "Die Kosten (1,8 Millionen sind hoch.\n"),
           "0:punctuation:warning:( (a bracket opened in the translation is "
           "not closed)", "unclosed bracket");
    is_str(flags("« Il faudra des trains le soir », dit-elle.\n",
                 "„Abends braucht es Züge, sagte sie.\n"),
           "0:punctuation:warning:„", "unclosed quotation");
    is_str(flags("Trois points : a ) la pluie ; b ) le vent .\n",
                 "Drei Punkte : a ) Regen ; b ) Wind .\n"),
           "", "list markers are not brackets");
}

static void test_low_confidence_and_switches(void)
{
    al_model *m = model("fr", "de", 1u << AL_FLAG_LOW_CONFIDENCE, 1.0);
    char out[512];
    is_str(run(m, "Une phrase.\n", "Ein Satz.\n", false, out, sizeof out),
           "0:low-confidence:info", "score below --min-score 1.0");
    al_model_free(m);
    m = model("fr", "de", ALL & ~(1u << AL_FLAG_NUMBER), 0);
    is_str(run(m, "Il y avait 1 500 touristes.\n", "Es gab 1.800 Touristen.\n",
               false, out, sizeof out),
           "", "number check disabled: no number flag");
    al_model_free(m);
}

/* The checks share nothing mutable: pairs checked in parallel threads with
 * one model give the flags of a single thread. */
typedef struct {
    const char *src, *tgt;
    char out[4096];
} job;

static void *work(void *arg)
{
    job *j = arg;
    run(fr_de, j->src, j->tgt, true, j->out, sizeof j->out);
    return NULL;
}

static void test_threads(void)
{
    static const char *src =
        "Il y avait 1 500 touristes.\nL’idée vient de Marc Vuillemin.\n"
        "Pourquoi ce succès ?\nLe comté est l’un des fromages de France.\n";
    static const char *tgt =
        "Es gab 1.800 Touristen.\nDie Idee stammt vom Chefkäser.\n"
        "Warum dieser Erfolg.\nLe comté est l’un des fromages de France.\n";
    char want[4096];
    run(fr_de, src, tgt, true, want, sizeof want);
    job jobs[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        jobs[i].src = src;
        jobs[i].tgt = tgt;
        pthread_create(&th[i], NULL, work, &jobs[i]);
    }
    int same = 1;
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        same &= strcmp(jobs[i].out, want) == 0;
    }
    ok(same && want[0] != '\0', "four threads, one model: same flags");
}

static int cmp_flag(const void *p, const void *q)
{
    const al_flag_rec *x = p, *y = q;
    if (x->bead != y->bead)
        return x->bead < y->bead ? -1 : 1;
    if (x->code != y->code)
        return x->code < y->code ? -1 : 1;
    if (x->span_begin != y->span_begin)
        return x->span_begin < y->span_begin ? -1 : 1;
    return strcmp(x->message, y->message);
}

/* al_align hands the aligner's anchor items (as computed, before the
 * second pass learns pairs) to the checks; al_check computes them itself
 * when not given: the same flags on textberg-dev, in the same order. */
static void test_features_handed_over(void)
{
    char de[1024], fr[1024];
    tap_data(de, sizeof de, "tests/data/textberg-dev/de.txt");
    tap_data(fr, sizeof fr, "tests/data/textberg-dev/fr.txt");
    al_error err;
    al_text *s = al_text_read(de_fr, AL_SOURCE, de, &err);
    al_text *t = al_text_read(de_fr, AL_TARGET, fr, &err);
    al_result *a = s && t ? al_align(de_fr, s, t, &err) : NULL;
    al_result *b = s && t ? al_calloc(1, sizeof *b) : NULL;
    if (b != NULL) {
        b->text[0] = s;
        b->text[1] = t;
        if (al_align_beads(de_fr, s, t, NULL, b, NULL, &err) != AL_OK ||
            al_check(de_fr, b, NULL, &err) != AL_OK) {
            al_result_free(b);
            b = NULL;
        }
    }
    long same = a != NULL && b != NULL && a->n_flags == b->n_flags
                    ? (long)a->n_flags : -1;
    /* al_align orders a bead's flags (index_flags); al_check adds them as
     * the checks find them: compared in one order. */
    if (same > 0) {
        qsort(a->flags, a->n_flags, sizeof *a->flags, cmp_flag);
        qsort(b->flags, b->n_flags, sizeof *b->flags, cmp_flag);
    }
    for (size_t k = 0; same >= 0 && k < a->n_flags; k++) {
        const al_flag_rec *x = &a->flags[k], *y = &b->flags[k];
        if (x->bead != y->bead || x->code != y->code ||
            x->severity != y->severity || x->side != y->side ||
            x->span_begin != y->span_begin || x->span_end != y->span_end ||
            strcmp(x->message, y->message) != 0) {
            same = -1;
        }
    }
    ok(same == 134, "textberg-dev: flags from the aligner's items = from "
                    "the checks' own (134)");
    al_result_free(a);
    al_result_free(b);
    al_text_free(s);
    al_text_free(t);
}

int main(void)
{
    fr_de = model("fr", "de", NO_LOW, 0);
    de_fr = model("de", "fr", NO_LOW, 0);
    if (!ok(fr_de != NULL && de_fr != NULL, "models load"))
        return done_testing();
    test_numbers();
    test_encoding();
    test_omission_addition();
    test_merge_and_neighbours();
    test_unrelated();
    test_length();
    test_language();
    test_garbled();
    test_names();
    test_punctuation();
    test_low_confidence_and_switches();
    test_threads();
    test_features_handed_over();
    al_model_free(fr_de);
    al_model_free(de_fr);
    return done_testing();
}
