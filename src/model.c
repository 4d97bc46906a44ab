/*
 * model.c - options and the resources shared by all pairs: where dictionaries
 * are found, abbreviation lists, stop-word profiles for language detection.
 */
#include "config.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef AL_DICTDIR
#define AL_DICTDIR "/usr/local/share/align"
#endif

void al_options_init(al_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->max_bead = 5;
    opt->checks = (1u << AL_FLAG_COUNT) - 1;
    opt->min_score = 0.4;
    opt->second_pass = 1;
    opt->anchors = (1u << AL_ANCHOR_COUNT) - 1;
}

static bool is_dir(const char *p)
{
    struct stat st;
    return p != NULL && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The dictionary folder: the option, $ALIGN_DICTDIR, the installed folder,
 * else the source tree's dicts/ (an uninstalled build). */
static const char *find_dict_dir(const al_options *opt)
{
    if (opt->dict_dir != NULL)
        return opt->dict_dir;
    const char *env = getenv("ALIGN_DICTDIR");
    if (env != NULL && *env != '\0')
        return env;
    if (is_dir(AL_DICTDIR))
        return AL_DICTDIR;
#ifdef AL_SRC_DICTDIR
    if (is_dir(AL_SRC_DICTDIR))
        return AL_SRC_DICTDIR;
#endif
    return AL_DICTDIR;
}

char *al_dict_path(const al_model *m, const char *stem, const char *lang)
{
    size_t n = strlen(m->dict_dir) + strlen(stem) + strlen(lang) + 8;
    char *p = al_malloc(n);
    if (p != NULL)
        snprintf(p, n, "%s/%s%s.txt", m->dict_dir, stem, lang);
    return p;
}

al_model *al_model_new(const al_options *opt, al_error *err)
{
    al_options defaults;
    if (opt == NULL) {
        al_options_init(&defaults);
        opt = &defaults;
    }
    for (int s = 0; s < 2; s++)
        if (opt->lang[s] != NULL &&
            al_lang_from_name(opt->lang[s]) == AL_LANG_UNKNOWN) {
            al_fail(err, AL_EINVAL,
                    "unsupported language '%s' (use de, fr or en)",
                    opt->lang[s]);
            return NULL;
        }
    if (opt->max_bead < 1 || opt->max_bead > 5) {
        al_fail(err, AL_EINVAL, "--max-bead must be 1 to 5, not %d",
                opt->max_bead);
        return NULL;
    }
    al_model *m = al_calloc(1, sizeof *m);
    if (m == NULL) {
        al_fail(err, AL_ENOMEM, "out of memory");
        return NULL;
    }
    m->opt = *opt;
    pthread_mutex_init(&m->lock, NULL);
    m->anchor_weight = 0.5;
    m->use_lexicon = (opt->anchors & 1u << AL_ANCHOR_DICT) != 0;
    const char *dir = find_dict_dir(opt);
    m->dict_dir = al_strndup(dir, strlen(dir));
    const char *hd = opt->hunspell_dir ? opt->hunspell_dir
                                       : getenv("ALIGN_HUNSPELL_DIR");
    if (hd == NULL || *hd == '\0')
        hd = "/usr/share/hunspell";
    m->hunspell_dir = al_strndup(hd, strlen(hd));
    if (m->dict_dir == NULL || m->hunspell_dir == NULL) {
        al_model_free(m);
        al_fail(err, AL_ENOMEM, "out of memory");
        return NULL;
    }
    for (int l = 0; l < AL_LANG_COUNT; l++) {
        char *file = al_dict_path(m, "abbrev-", al_lang_name((al_lang)l));
        if (file == NULL) {
            al_model_free(m);
            al_fail(err, AL_ENOMEM, "out of memory");
            return NULL;
        }
        m->abbrev[l] = al_abbrev_load(file, err);
        free(file);
        file = al_dict_path(m, "segment-", al_lang_name((al_lang)l));
        if (m->abbrev[l] != NULL &&
            (file == NULL ? al_fail(err, AL_ENOMEM, "out of memory")
                          : al_abbrev_load_rules(m->abbrev[l], file, err))) {
            al_abbrev_free(m->abbrev[l]);
            m->abbrev[l] = NULL;
        }
        free(file);
        file = al_dict_path(m, "stop-", al_lang_name((al_lang)l));
        m->stop[l] = file ? al_wordlist_load(file) : NULL;
        free(file);
        if (m->abbrev[l] == NULL) {
            al_model_free(m);
            return NULL;
        }
    }
    if (opt->user_dict != NULL &&
        (al_read_file(opt->user_dict, &m->user_dict, &m->user_dict_len,
                      err) != AL_OK ||
         al_lexicon_check(opt->user_dict, m->user_dict, m->user_dict_len,
                          err) != AL_OK)) {
        al_model_free(m);
        return NULL;
    }
    if (opt->checks != 0)
        m->check = al_checkdata_load(m, err);
    if (opt->checks != 0 && m->check == NULL) {
        al_model_free(m);
        return NULL;
    }
    return m;
}

void al_model_free(al_model *m)
{
    if (m == NULL)
        return;
    for (int l = 0; l < AL_LANG_COUNT; l++) {
        al_abbrev_free(m->abbrev[l]);
        al_strtab_free(m->stop[l]);
    }
    for (int a = 0; a < AL_LANG_COUNT; a++)
        for (int b = 0; b < AL_LANG_COUNT; b++)
            al_lexicon_free(m->lex[a][b]);
    pthread_mutex_destroy(&m->lock);
    al_checkdata_free(m->check);
    free(m->dict_dir);
    free(m->user_dict);
    free(m->hunspell_dir);
    free(m);
}

const al_abbrev *al_model_abbrev(const al_model *m, al_lang lang)
{
    return lang >= 0 && lang < AL_LANG_COUNT ? m->abbrev[lang] : NULL;
}

al_spell *al_model_spell(const al_model *m, al_lang lang)
{
    return al_spell_get(m->hunspell_dir, lang);
}

const al_lexicon *al_model_lexicon(const al_model *m, al_lang src, al_lang tgt,
                                   al_error *err)
{
    if (src < 0 || src >= AL_LANG_COUNT || tgt < 0 || tgt >= AL_LANG_COUNT)
        return NULL;
    al_model *mm = (al_model *)m;     /* lazy state, guarded by the lock */
    pthread_mutex_lock(&mm->lock);
    if (!mm->lex_tried[src][tgt]) {
        mm->lex[src][tgt] = al_lexicon_load(m, src, tgt, err);
        mm->lex_tried[src][tgt] = true;
    }
    const al_lexicon *lx = mm->lex[src][tgt];
    pthread_mutex_unlock(&mm->lock);
    return lx;
}
