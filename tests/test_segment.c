/* Unit tests of segment.c: first with a small abbreviation list of the
 * test's own, then with the real lists of dicts/ (abbrev-LANG.txt and
 * segment-LANG.txt) for the cases of issue 3: ordinals, numbers, initials,
 * abbreviations, ellipses, quotes, URLs, headings, lists, glued captions. */
#include "config.h"
#include "internal.h"
#include "tap.h"

#include <stdlib.h>
#include <unistd.h>

static al_abbrev *abbrev;
static al_abbrev *real[AL_LANG_COUNT];

/* Sentences of S joined by " | ", paragraphs by " || ". */
static char *seg(const char *s, al_lang lang, bool preseg)
{
    static char out[8192];
    al_sent *v;
    size_t n, np;
    al_error err;
    out[0] = '\0';
    if (al_segment(s, strlen(s), abbrev, lang, preseg, &v, &n, &np, &err))
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        const char *sep = i == 0 ? "" : v[i].para != v[i - 1].para ? " || "
                                                                  : " | ";
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%.*s", sep,
                              (int)v[i].len, s + v[i].start);
    }
    free(v);
    return out;
}

/* Loads dicts/abbrev-LANG.txt and dicts/segment-LANG.txt. */
static void real_lists(void)
{
    const char *dir = getenv("ALIGN_DICTDIR");
    if (dir == NULL)
        dir = AL_SRC_DICTDIR;
    for (int l = 0; l < AL_LANG_COUNT; l++) {
        char p[1024];
        al_error err;
        snprintf(p, sizeof p, "%s/abbrev-%s.txt", dir, al_lang_name(l));
        real[l] = al_abbrev_load(p, &err);
        snprintf(p, sizeof p, "%s/segment-%s.txt", dir, al_lang_name(l));
        ok(real[l] != NULL && al_abbrev_load_rules(real[l], p, &err) == AL_OK,
           "dicts/ lists load");
    }
}

static char *segr(const char *s, al_lang lang)
{
    al_abbrev *keep = abbrev;
    abbrev = real[lang];
    char *r = seg(s, lang, false);
    abbrev = keep;
    return r;
}

#define DE AL_LANG_DE
#define FR AL_LANG_FR
#define EN AL_LANG_EN

/* The parts of each line of presegmented S (see al_sent), with the real
 * lists: "2 1". */
static char *parts(const char *s, al_lang lang)
{
    static char out[256];
    al_sent *v;
    size_t n, np, o = 0;
    al_error err;
    out[0] = '\0';
    if (al_segment(s, strlen(s), real[lang], lang, true, &v, &n, &np, &err))
        return NULL;
    for (size_t i = 0; i < n && o < sizeof out; i++)
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%u", i ? " " : "",
                              v[i].parts);
    free(v);
    return out;
}

/* Lines of presegmented input that hold more than one sentence: another
 * segmenter's lines (Text+Berg keeps "8848 m. Das ist" together). */
static void parts_tests(void)
{
    is_str(parts("Die Kote ist nur 8848 m. Das ist viel .\n"
                 "Ein Satz .\n"
                 "Er kam 1953. Dann ging er . Sie blieb .\n", DE),
           "2 1 3", "presegmented: sentences inside lines");
    is_str(parts("Es ist gut ! ' )\n"
                 "... « Un peu plus haut \n"
                 "Sie reiste mit Mrs. Joyce Dunsheath .\n"
                 "Siehe m. E. den Bericht .\n"
                 "( Österr. Touristenzeitung , 70. Jahrgang ) .\n", DE),
           "1 1 1 1 1",
           "presegmented: parts without letters, titles, abbreviations");
    is_str(parts("Bd. XI , 1956 .\nsoit 8125 m. Ces deux cimes .\n"
                 "Elle a trois parties : a) une, b) deux .\n", FR),
           "1 2 3", "presegmented: French lines (list items after a colon)");
}

static void real_tests(void)
{
    /* ordinals */
    is_str(segr("Am 6. Januar kam er. Dann ging er.", DE),
           "Am 6. Januar kam er. | Dann ging er.", "6. Januar");
    is_str(segr("Die Ausstellung öffnet am 3. Mai. Der Eintritt ist frei.", DE),
           "Die Ausstellung öffnet am 3. Mai. | Der Eintritt ist frei.",
           "am 3. Mai. at a sentence end");
    is_str(segr("Der 2. Weltkrieg endete 1945. Danach kam der Wiederaufbau.",
                DE),
           "Der 2. Weltkrieg endete 1945. | Danach kam der Wiederaufbau.",
           "der 2. Weltkrieg");
    is_str(segr("Die Information steht auf Seite 12. Dort kannst du nachlesen.",
                DE),
           "Die Information steht auf Seite 12. | Dort kannst du nachlesen.",
           "number before a sentence starter ends");
    is_str(segr("Es gilt ab dem 01. Januar 2015 für alle.", DE),
           "Es gilt ab dem 01. Januar 2015 für alle.", "01. Januar");
    is_str(segr("Funde aus dem 1. -3. Jahrhundert. Mehr nicht.", DE),
           "Funde aus dem 1. -3. Jahrhundert. | Mehr nicht.", "1. -3.");
    is_str(segr("Le 1er janvier, tout change. Le XIXe siècle est loin.", FR),
           "Le 1er janvier, tout change. | Le XIXe siècle est loin.",
           "1er janvier, XIXe siècle");
    is_str(segr("La ville fut prise par Louis XIV. Le roi entra.", FR),
           "La ville fut prise par Louis XIV. | Le roi entra.",
           "French regnal number ends");
    is_str(segr("Unter Ludwig XIV. wuchs die Stadt.", DE),
           "Unter Ludwig XIV. wuchs die Stadt.", "German regnal number");
    /* numbers */
    is_str(segr("Es kamen 1.500 Gäste. Es waren 1 500 Stühle da.", DE),
           "Es kamen 1.500 Gäste. | Es waren 1 500 Stühle da.",
           "1.500 and 1 500");
    is_str(segr("Die Mieten stiegen um 5,5 Prozent. Pi ist etwa 3.14 groß.",
                DE),
           "Die Mieten stiegen um 5,5 Prozent. | Pi ist etwa 3.14 groß.",
           "5,5 and 3.14");
    is_str(segr("Heute sind es 1.450. Der Vorstand ist zufrieden.", DE),
           "Heute sind es 1.450. | Der Vorstand ist zufrieden.",
           "number with a separator at a sentence end");
    is_str(segr("Die Vorstellung beginnt um 19.30. Einlass ist um 19 Uhr.", DE),
           "Die Vorstellung beginnt um 19.30. | Einlass ist um 19 Uhr.",
           "time at a sentence end");
    is_str(segr("Der Umsatz stieg. 2023 waren es noch weniger.", DE),
           "Der Umsatz stieg. | 2023 waren es noch weniger.",
           "a sentence may start with a year");
    /* initials and names */
    is_str(segr("Sie zeigt Bücher von J. R. R. Tolkien. Die Schau läuft.", DE),
           "Sie zeigt Bücher von J. R. R. Tolkien. | Die Schau läuft.",
           "J. R. R. Tolkien");
    is_str(segr("Der Angeklagte Thomas K. Der Prozess geht weiter.", DE),
           "Der Angeklagte Thomas K. Der Prozess geht weiter.",
           "a capital initial never ends a sentence");
    is_str(segr("M. Dupont est venu. Il est reparti.", FR),
           "M. Dupont est venu. | Il est reparti.", "M. Dupont");
    is_str(segr("We make a good team, you and I. Did you see Albert I. Jones?",
                EN),
           "We make a good team, you and I. | Did you see Albert I. Jones?",
           "English I");
    /* abbreviations */
    is_str(segr("Viele Städte, z. B. Ulm, sparen. Andere nicht.", DE),
           "Viele Städte, z. B. Ulm, sparen. | Andere nicht.", "z. B.");
    is_str(segr("Es kamen u. a. Vertreter der Bahn. Sie schwiegen.", DE),
           "Es kamen u. a. Vertreter der Bahn. | Sie schwiegen.", "u. a.");
    is_str(segr("Es gab Brot, Obst usw. Danach spielte die Kapelle.", DE),
           "Es gab Brot, Obst usw. | Danach spielte die Kapelle.",
           "usw. before a capital ends");
    is_str(segr("Die Region hat 1,2 Mio. Einwohner. Tendenz steigend.", DE),
           "Die Region hat 1,2 Mio. Einwohner. | Tendenz steigend.",
           "Mio. before a noun");
    is_str(segr("Du fromage, etc. Le marché ouvre. Des fruits, etc. sont là.",
                FR),
           "Du fromage, etc. | Le marché ouvre. | Des fruits, etc. sont là.",
           "etc.");
    is_str(segr("Des villes, p. ex. Lyon, agissent. Il y a env. 300 bornes.",
                FR),
           "Des villes, p. ex. Lyon, agissent. | Il y a env. 300 bornes.",
           "p. ex. and env.");
    is_str(segr("Des pièces du IIe siècle av. J.-C. Elles sont belles.", FR),
           "Des pièces du IIe siècle av. J.-C. | Elles sont belles.",
           "av. J.-C. ends before a capital");
    is_str(segr("En 52 av. J.-C., César assiège Alésia.", FR),
           "En 52 av. J.-C., César assiège Alésia.", "av. J.-C. mid-sentence");
    is_str(segr("He left at 6 a.m. Travelers came later.", EN),
           "He left at 6 a.m. | Travelers came later.", "a.m. is final");
    is_str(segr("I live in the U.S. How about you? The U.S. Senate met.", EN),
           "I live in the U.S. | How about you? | The U.S. Senate met.",
           "U.S. before a starter and before a name");
    is_str(segr("SEC. 1262 AUTHORIZATION. Paid rs. 1000 in total.", EN),
           "SEC. 1262 AUTHORIZATION. | Paid rs. 1000 in total.",
           "short words before a number");
    /* ellipses */
    is_str(segr("Sie zögerte … und sagte zu. Und dann … Die Feuerwehr kam.",
                DE),
           "Sie zögerte … und sagte zu. | Und dann … | Die Feuerwehr kam.",
           "ellipsis before lower and upper case");
    is_str(segr("Er sprach von einer „schwierigen […] Lage“. Dann ging er.",
                DE),
           "Er sprach von einer „schwierigen […] Lage“. | Dann ging er.",
           "[…] is an elision");
    is_str(segr("the thing is . . . I did. Words . . . . Next one.", EN),
           "the thing is . . . I did. | Words . . . . | Next one.",
           "spaced ellipsis, and with a fourth period");
    /* quotes and parentheses */
    is_str(segr("Er sagte: „Wir sind froh. Die Schule bleibt.“ Dann ging er.",
                DE),
           "Er sagte: „Wir sind froh. | Die Schule bleibt.“ | Dann ging er.",
           "German: a quotation splits inside");
    is_str(segr("„Nie wieder!“, rief sie. Alle nickten.", DE),
           "„Nie wieder!“, rief sie. | Alle nickten.", "!“, goes on");
    is_str(segr("Il a dit : « Nous tiendrons parole. » Puis il est parti.", FR),
           "Il a dit : « Nous tiendrons parole. » | Puis il est parti.",
           "« … » with the end inside");
    is_str(segr("« Et maintenant ? » se demandent-ils. Personne ne sait.", FR),
           "« Et maintenant ? » se demandent-ils. | Personne ne sait.",
           "? » before lowercase goes on");
    is_str(segr("'Well!' thought Alice, 'I fell! How brave!' (Which was "
                "true.)", EN),
           "'Well!' thought Alice, 'I fell! How brave!' (Which was true.)",
           "English: quotes protect their marks");
    is_str(segr("She said, \"This is great.\" She held the book.", EN),
           "She said, \"This is great.\" | She held the book.",
           "English: a quotation ends before a capital");
    is_str(segr("Der Bericht (S. 14) nennt keine Zahlen. Sie fehlen.", DE),
           "Der Bericht (S. 14) nennt keine Zahlen. | Sie fehlen.",
           "abbreviation inside parentheses");
    is_str(segr("Er kam (zu spät). Sie ging.", DE),
           "Er kam (zu spät). | Sie ging.", "period after a parenthesis");
    /* URLs and e-mail addresses */
    is_str(segr("Infos unter www.stadt.de/Info.Html oder info@stadt.de. Danke.",
                DE),
           "Infos unter www.stadt.de/Info.Html oder info@stadt.de. | Danke.",
           "URL and e-mail address");
    is_str(segr("Her email is Jane.Doe@example.com. I sent her an email.", EN),
           "Her email is Jane.Doe@example.com. | I sent her an email.",
           "e-mail address with a capital after a period");
    /* headings, lists, glued sentences */
    is_str(segr("Nordkorea hilft Russland\nDie Soldaten kamen im Herbst.", DE),
           "Nordkorea hilft Russland | Die Soldaten kamen im Herbst.",
           "heading line");
    is_str(segr("Die Änderungen:\n- mehr Busse\n- neue Radwege", DE),
           "Die Änderungen: | - mehr Busse | - neue Radwege",
           "list after a colon");
    is_str(segr("Programm\n1. Begrüßung\n2. Bericht des Vorstands", DE),
           "Programm | 1. Begrüßung | 2. Bericht des Vorstands",
           "numbered list");
    is_str(segr("1.) The first item 2.) The second item", EN),
           "1.) The first item | 2.) The second item", "inline list");
    is_str(segr("Am 3. Mai und am 4. Juni tagte der Rat.", DE),
           "Am 3. Mai und am 4. Juni tagte der Rat.", "dates are no list");
    is_str(segr("Die Bauarbeiten an der Brücke\ndauern länger. Die Freigabe\n"
                "verschiebt sich.", DE),
           "Die Bauarbeiten an der Brücke\ndauern länger. | "
           "Die Freigabe\nverschiebt sich.", "hard-wrapped lines join");
    is_str(segr("Es stellt eine Gefahr dar.Bild: t-online", DE),
           "Es stellt eine Gefahr dar. | Bild: t-online", "glued caption");
    is_str(segr("Il reste du travail.Photo : AFP", FR),
           "Il reste du travail. | Photo : AFP", "French glued caption");
    is_str(segr("He bought 1,000.That is a lot.", EN),
           "He bought 1,000. | That is a lot.", "glued after a number");
    is_str(segr("Im 2.Weltkrieg lag die Stadt in Trümmern.", DE),
           "Im 2.Weltkrieg lag die Stadt in Trümmern.",
           "no glued split after a small number");
    is_str(segr("He was a martyr.[1] The emperor ruled.", EN),
           "He was a martyr.[1] | The emperor ruled.", "footnote reference");
    is_str(segr("???? Alle Entwicklungen im Liveticker ????\nDie Gespräche "
                "gehen weiter.", DE),
           "???? Alle Entwicklungen im Liveticker ???? | "
           "Die Gespräche gehen weiter.", "???? runs are not ends");
    is_str(segr("Wirklich?? Ja.", DE), "Wirklich?? | Ja.",
           "?? after a word is an end");
    is_str(segr("Test strange period．Does it work．", EN),
           "Test strange period． | Does it work．", "fullwidth period");
}

int main(void)
{
    char path[] = "/tmp/align-abbrev-XXXXXX";
    int fd = mkstemp(path);
    const char *list = "# test list\nz.\nB.\nDr.\nbzw.\nM.\netc.\n";
    if (fd < 0 || write(fd, list, strlen(list)) < 0)
        return 99;
    close(fd);
    al_error err;
    abbrev = al_abbrev_load(path, &err);
    unlink(path);
    ok(abbrev != NULL, "abbreviation list loads");
    ok(al_abbrev_has(abbrev, "bzw.", 4), "bzw. listed");
    ok(al_abbrev_has(abbrev, "Bzw.", 4), "capitalised at sentence start");
    ok(!al_abbrev_has(abbrev, "Haus.", 5), "Haus. not listed");

    is_str(seg("Er kam. Sie ging.", AL_LANG_DE, false),
           "Er kam. | Sie ging.", "two sentences");
    is_str(seg("Es kam z. B. Dr. Meier. Dann ging er.", AL_LANG_DE, false),
           "Es kam z. B. Dr. Meier. | Dann ging er.", "abbreviations");
    is_str(seg("Am 6. Januar kam er. Gut.", AL_LANG_DE, false),
           "Am 6. Januar kam er. | Gut.", "German date ordinal");
    is_str(seg("Es waren 1.500 Touristen. Mehr nicht.", AL_LANG_DE, false),
           "Es waren 1.500 Touristen. | Mehr nicht.", "thousands separator");
    is_str(seg("Das stellt eine Gefahr dar.Bild: t-online", AL_LANG_DE, false),
           "Das stellt eine Gefahr dar. | Bild: t-online", "glued caption");
    is_str(seg("Der Wert ist z.B. gut.", AL_LANG_DE, false),
           "Der Wert ist z.B. gut.", "glued abbreviation stays");
    is_str(seg("Wie bitte? Ja! Gut…", AL_LANG_DE, false),
           "Wie bitte? | Ja! | Gut…", "? ! and ellipsis");
    is_str(seg("Er sagte: „Ich gehe.“ Dann ging er.", AL_LANG_DE, false),
           "Er sagte: „Ich gehe.“ | Dann ging er.", "closing quote after period");
    is_str(seg("Titel der Seite\nDer Text beginnt hier. Ende.", AL_LANG_DE,
               false),
           "Titel der Seite | Der Text beginnt hier. | Ende.",
           "heading line without final punctuation");
    is_str(seg("Ein Satz, der\numbrochen wurde.", AL_LANG_DE, false),
           "Ein Satz, der\numbrochen wurde.", "wrapped line joins");
    is_str(seg("Erster Absatz.\n\nZweiter Absatz.", AL_LANG_DE, false),
           "Erster Absatz. || Zweiter Absatz.", "paragraphs");
    is_str(seg("M. Dupont est venu. Il est parti.", AL_LANG_FR, false),
           "M. Dupont est venu. | Il est parti.", "French M.");
    is_str(seg("Pourquoi ? Parce que.", AL_LANG_FR, false),
           "Pourquoi ? | Parce que.", "French spaced question mark");
    is_str(seg("une ligne. avec. points\nautre\n\nfin", AL_LANG_FR, true),
           "une ligne. avec. points | autre || fin",
           "presegmented: lines are sentences");
    is_str(seg("", AL_LANG_DE, false), "", "empty input");
    is_str(seg("  \n \n", AL_LANG_DE, false), "", "white space only");
    al_abbrev_free(abbrev);

    /* unknown classes and kinds are errors that name the line */
    char bad[] = "/tmp/align-abbrev-XXXXXX";
    fd = mkstemp(bad);
    const char *badlist = "Dr.\tprefix\nNr.\tnumber\n";
    if (fd < 0 || write(fd, badlist, strlen(badlist)) < 0)
        return 99;
    close(fd);
    ok(al_abbrev_load(bad, &err) == NULL && err.code == AL_EDICT,
       "unknown abbreviation class is refused");
    ok(strstr(err.message, ":2: unknown class 'number'") != NULL,
       "the message names line 2");
    abbrev = al_abbrev_load(path, &err);        /* deleted: unreadable */
    ok(abbrev == NULL && err.code == AL_EIO, "missing list is an I/O error");
    unlink(bad);

    real_lists();
    real_tests();
    parts_tests();
    for (int l = 0; l < AL_LANG_COUNT; l++)
        al_abbrev_free(real[l]);
    return done_testing();
}
