/* Unit tests of segment.c with a small abbreviation list of the test's own. */
#include "config.h"
#include "internal.h"
#include "tap.h"

#include <stdlib.h>
#include <unistd.h>

static al_abbrev *abbrev;

/* Sentences of S joined by " | ", paragraphs by " || ". */
static char *seg(const char *s, al_lang lang, bool preseg)
{
    static char out[4096];
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
    return done_testing();
}
