/* Unit tests of check.c: flags with codes, severities, spans. */
#include "config.h"
#include "internal.h"
#include "tap.h"

static al_model *model;

/* Flags of aligning SRC and TGT as "bead:code:severity[:span text]". */
static char *flags(const char *src, const char *tgt)
{
    static char out[4096];
    al_error err;
    al_text *s = al_text_from_bytes(model, AL_SOURCE, "src", src, strlen(src),
                                    &err);
    al_text *t = al_text_from_bytes(model, AL_TARGET, "tgt", tgt, strlen(tgt),
                                    &err);
    al_result *r = s && t ? al_align(model, s, t, &err) : NULL;
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; r != NULL && i < al_result_count(r); i++)
        for (size_t k = 0; k < al_result_flag_count(r, i); k++) {
            const al_flag *f = al_result_flag(r, i, k);
            const al_text *x = al_result_text(r, f->side);
            o += (size_t)snprintf(out + o, sizeof out - o, "%s%zu:%s:%s", o ? " " : "",
                                  i, al_flag_name(f->code),
                                  al_severity_name(f->severity));
            if (f->span_end > f->span_begin)
                o += (size_t)snprintf(out + o, sizeof out - o, ":%.*s",
                                      (int)(f->span_end - f->span_begin),
                                      x->orig + f->span_begin);
        }
    al_result_free(r);
    al_text_free(s);
    al_text_free(t);
    return out;
}

int main(void)
{
    al_options opt;
    al_error err;
    al_options_init(&opt);
    opt.presegmented = 1;
    opt.lang[0] = "fr";
    opt.lang[1] = "de";
    opt.checks = (1u << AL_FLAG_OMISSION) | (1u << AL_FLAG_ADDITION) |
                 (1u << AL_FLAG_NUMBER) | (1u << AL_FLAG_ENCODING);
    model = al_model_new(&opt, &err);
    ok(model != NULL, "model loads");

    is_str(flags("Il y avait 1 500 touristes.\n", "Es gab 1.500 Touristen.\n"),
           "", "same number in two locales: no flag");
    is_str(flags("Il y avait 1 500 touristes.\n", "Es gab 1.800 Touristen.\n"),
           "0:number:error:1 500 0:number:error:1.800",
           "changed number flagged on both sides with spans");
    is_str(flags("Le 6 janvier, 5,5 milliards.\n",
                 "Am 6. Januar 5,5 Milliarden.\n"),
           "", "date ordinal and decimal match");
    is_str(flags("Une phrase.\n", "Ein Satz mit \xEF\xBF\xBD Fehler.\n"),
           "0:encoding:error:Ein Satz mit \xEF\xBF\xBD Fehler.",
           "replacement character flagged");
    is_str(flags("Première phrase assez longue pour le modèle.\n"
                 "Cette phrase très longue a été complètement oubliée dans la "
                 "traduction allemande, hélas, avec tous ses détails.\n"
                 "Troisième phrase assez longue aussi.\n",
                 "Erster Satz, lang genug für das Modell.\n"
                 "Dritter Satz, ebenfalls lang genug.\n"),
           "1:omission:error", "omitted sentence");
    al_model_free(model);
    return done_testing();
}
