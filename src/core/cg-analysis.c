/* cg-analysis.c: clusters, discrepancies and the weight of each record
 *
 * Candidate pairs come only from a window on dates (the same or the next day),
 * so the cost grows with the number of records, not its square. Each pair is
 * scored on date, time, the kind of occurrence ("strategy discussion", "home
 * visit", "ED attendance"), a hand-over seen from both ends, shared words and
 * shared people; a record about an earlier date ("PPN received re incident on
 * 12/03/2021") counts against. Pairs are joined best first, and a cluster
 * never holds two records of one agency or spans more than two days, so
 * unrelated records cannot chain together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-analysis"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-agencies.h"
#include "cg-analysis-private.h"

/* g_strv_builder_take() is GLib 2.80. */
static void
strv_builder_take (GStrvBuilder *builder,
                   char         *text)
{
  g_strv_builder_add (builder, text);
  g_free (text);
}

#define LINK_THRESHOLD        5
#define COUNTERPART_DAYS      14
#define TIME_CONFLICT_MINUTES 60
#define MAX_CLUSTER_SPAN_DAYS 3
#define MEETING_GAP_DAYS      3

/* ------------------------------------------------------------------ names */

const char *
cg_cluster_kind_to_string (CgClusterKind kind)
{
  return kind == CG_CLUSTER_DUPLICATE_RECORD ? "duplicate_record" : "same_occurrence";
}

static const char * const discrepancy_names[CG_N_DISCREPANCY_KINDS] = {
  "date_conflict", "time_conflict", "fact_conflict", "missing_counterpart", "out_of_sequence",
  "outside_scope", "silence",
};

const char *
cg_discrepancy_kind_to_string (CgDiscrepancyKind kind)
{
  return kind < CG_N_DISCREPANCY_KINDS ? discrepancy_names[kind] : "fact_conflict";
}

gboolean
cg_discrepancy_kind_from_string (const char        *text,
                                 CgDiscrepancyKind *kind)
{
  for (guint i = 0; i < CG_N_DISCREPANCY_KINDS; i++)
    if (g_strcmp0 (text, discrepancy_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
cg_discrepancy_kind_get_label (CgDiscrepancyKind kind)
{
  switch (kind)
    {
    case CG_DISCREPANCY_DATE_CONFLICT:       return _("Dates disagree");
    case CG_DISCREPANCY_TIME_CONFLICT:       return _("Times disagree");
    case CG_DISCREPANCY_FACT_CONFLICT:       return _("Facts disagree");
    case CG_DISCREPANCY_MISSING_COUNTERPART: return _("No matching record");
    case CG_DISCREPANCY_OUT_OF_SEQUENCE:     return _("Out of date order");
    case CG_DISCREPANCY_OUTSIDE_SCOPE:       return _("Outside the scope");
    case CG_DISCREPANCY_SILENCE:             return _("Silence");
    case CG_N_DISCREPANCY_KINDS:
    default:                                 return _("Flag");
    }
}

const char *
cg_flag_status_to_string (CgFlagStatus status)
{
  switch (status)
    {
    case CG_FLAG_EXPLAINED: return "explained";
    case CG_FLAG_DISMISSED: return "dismissed";
    case CG_FLAG_OPEN:
    default:                return "open";
    }
}

CgFlagStatus
cg_flag_status_from_string (const char *text)
{
  if (g_strcmp0 (text, "explained") == 0)
    return CG_FLAG_EXPLAINED;
  if (g_strcmp0 (text, "dismissed") == 0)
    return CG_FLAG_DISMISSED;
  return CG_FLAG_OPEN;
}

const char *
cg_recording_to_string (CgRecording recording)
{
  switch (recording)
    {
    case CG_RECORDING_CONTEMPORANEOUS: return "contemporaneous";
    case CG_RECORDING_RETROSPECTIVE:   return "retrospective";
    case CG_RECORDING_UNKNOWN:
    default:                           return "unknown";
    }
}

void
cg_cluster_free (CgCluster *cluster)
{
  if (cluster == NULL)
    return;
  g_clear_pointer (&cluster->events, g_ptr_array_unref);
  g_free (cluster->note);
  g_free (cluster);
}

void
cg_discrepancy_free (CgDiscrepancy *discrepancy)
{
  if (discrepancy == NULL)
    return;
  g_clear_pointer (&discrepancy->events, g_ptr_array_unref);
  g_free (discrepancy->summary);
  g_free (discrepancy->note);
  g_free (discrepancy->key);
  g_free (discrepancy);
}

void
cg_analysis_free (CgAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  g_clear_pointer (&analysis->review, cg_review_free);
  g_clear_pointer (&analysis->clusters, g_ptr_array_unref);
  g_clear_pointer (&analysis->discrepancies, g_ptr_array_unref);
  g_clear_pointer (&analysis->events, g_ptr_array_unref);
  g_clear_pointer (&analysis->family, cg_family_free);
  g_free (analysis);
}

CgAnalysis *
_cg_analysis_new (CgReview  *review,
                  GPtrArray *events,
                  CgFamily  *family)
{
  CgAnalysis *analysis = g_new0 (CgAnalysis, 1);

  analysis->review = review;
  analysis->events = events;
  analysis->family = family;
  analysis->clusters = g_ptr_array_new_with_free_func ((GDestroyNotify)cg_cluster_free);
  analysis->discrepancies = g_ptr_array_new_with_free_func ((GDestroyNotify)cg_discrepancy_free);
  return analysis;
}

/* A record's identity across re-imports: its agency and the hash of its cells. */
char *
_cg_event_identity (CgEvent *event)
{
  return g_strdup_printf ("%s|%s", event->agency, event->content_hash ? event->content_hash : "");
}

/* --------------------------------------------------------------- text */

/* Letters, digits and the bytes of non-ASCII letters; the lead byte 0xE2 of
 * typographic punctuation (’ – “ ”) is a word boundary, so "midwife’s" names
 * the midwife. */
static inline gboolean
word_char (char c)
{
  return g_ascii_isalnum (c) || ((c & 0x80) && (guchar)c != 0xE2 &&
                                 !((guchar)c >= 0x80 && (guchar)c < 0xC0)) || c == '&';
}

static const char *
find_word (const char *haystack,
           const char *phrase)
{
  gsize n = strlen (phrase);

  for (const char *p = strstr (haystack, phrase); p != NULL; p = strstr (p + 1, phrase))
    if ((p == haystack || !word_char (p[-1])) && !word_char (p[n]))
      return p;
  return NULL;
}

/* Words that say nothing about which occurrence a record is about. */
static const char * const stop_words[] = {
  "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
  "being", "both", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has",
  "have", "he", "her", "hers", "him", "his", "i", "if", "in", "into", "is", "it", "its", "no",
  "not", "of", "on", "or", "our", "she", "that", "the", "their", "them", "then", "there",
  "they", "this", "to", "up", "was", "we", "were", "what", "when", "which", "who", "will",
  "with", "would", "re", "regarding", "via", "per", "mr", "mrs", "ms", "miss",
};

static GHashTable *
stop_word_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (stop_words); i++)
        g_hash_table_add (t, (gpointer)stop_words[i]);
      g_once_init_leave (&table, t);
    }
  return table;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static int
compare_uint32 (gconstpointer a,
                gconstpointer b)
{
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Sorted, distinct hashes of the content words of a lower-case text; a plural
 * "s" is dropped so "visits" meets "visit". */
static GArray *
content_words (const char *lower)
{
  GHashTable *stops = stop_word_table ();
  GArray *words = g_array_new (FALSE, FALSE, sizeof (guint32));
  char word[64];

  for (const char *p = lower; *p; )
    {
      gsize n = 0;

      while (*p && !(g_ascii_isalnum (*p) || (*p & 0x80)))
        p++;
      while (*p && (g_ascii_isalnum (*p) || (*p & 0x80)))
        {
          if (n < sizeof word - 1)
            word[n++] = *p;
          p++;
        }
      if (n == 0)
        continue;
      word[n] = '\0';
      if (n > 3 && word[n - 1] == 's' && word[n - 2] != 's')
        word[--n] = '\0';
      if (g_hash_table_contains (stops, word))
        continue;
      {
        guint32 h = g_str_hash (word);
        g_array_append_val (words, h);
      }
    }

  g_array_sort (words, compare_uint32);
  for (guint i = 1; i < words->len; )
    {
      if (g_array_index (words, guint32, i) == g_array_index (words, guint32, i - 1))
        g_array_remove_index (words, i);
      else
        i++;
    }
  return words;
}

static double
dice (GArray *a,
      GArray *b)
{
  guint i = 0, j = 0, shared = 0;

  if (a->len == 0 || b->len == 0)
    return 0;
  while (i < a->len && j < b->len)
    {
      guint32 x = g_array_index (a, guint32, i), y = g_array_index (b, guint32, j);

      if (x == y)
        shared++, i++, j++;
      else if (x < y)
        i++;
      else
        j++;
    }
  return 2.0 * shared / (a->len + b->len);
}

/* ------------------------------------------------------ kinds of occurrence */

enum
{
  K_STRATEGY     = 1 << 0,
  K_MARAC        = 1 << 1,
  K_CONFERENCE   = 1 << 2,
  K_HOME_VISIT   = 1 << 3,
  K_HOSPITAL     = 1 << 4,
  K_AMBULANCE    = 1 << 5,
  K_REFERRAL     = 1 << 6,
  K_NOTIFICATION = 1 << 7,
  K_DOMESTIC     = 1 << 8,
  K_ARREST       = 1 << 9,
  K_ASSESSMENT   = 1 << 10,
  K_PHONE        = 1 << 11,
  K_LETTER       = 1 << 12,
  K_SECTION_47   = 1 << 13,
  K_APPOINTMENT  = 1 << 14,
  K_MEETING      = 1 << 15,
  K_CORRESPONDENCE = 1 << 16,
};

/* Records that pass word about an occurrence rather than record it. */
#define COMMUNICATION_KINDS (K_REFERRAL | K_NOTIFICATION | K_PHONE | K_LETTER | K_CORRESPONDENCE)

#define STRONG_KINDS (K_STRATEGY | K_MARAC | K_CONFERENCE | K_HOME_VISIT | K_HOSPITAL | K_AMBULANCE)
#define MEETING_KINDS (K_STRATEGY | K_MARAC | K_CONFERENCE)

static const struct { const char *phrase; guint kind; } occurrence_words[] = {
  { "strategy discussion", K_STRATEGY },
  { "strategy meeting", K_STRATEGY },
  { "strategy call", K_STRATEGY },
  { "strategy", K_STRATEGY },
  { "marac", K_MARAC },
  { "child protection conference", K_CONFERENCE },
  { "case conference", K_CONFERENCE },
  { "icpc", K_CONFERENCE },
  { "rcpc", K_CONFERENCE },
  { "core group", K_CONFERENCE },
  { "home visit", K_HOME_VISIT },
  { "joint visit", K_HOME_VISIT },
  { "visited the home", K_HOME_VISIT },
  { "visit to the home", K_HOME_VISIT },
  { "unannounced visit", K_HOME_VISIT },
  { "announced visit", K_HOME_VISIT },
  { "emergency department", K_HOSPITAL },
  { "a&e", K_HOSPITAL },
  { "ed attendance", K_HOSPITAL },
  { "attended ed", K_HOSPITAL },
  { "hospital attendance", K_HOSPITAL },
  { "attended hospital", K_HOSPITAL },
  { "admitted", K_HOSPITAL },
  { "admission", K_HOSPITAL },
  { "999", K_AMBULANCE },
  { "ambulance", K_AMBULANCE },
  { "paramedic", K_AMBULANCE },
  { "paramedics", K_AMBULANCE },
  { "conveyed", K_AMBULANCE },
  { "referral", K_REFERRAL },
  { "referred", K_REFERRAL },
  { "ppn", K_NOTIFICATION },
  { "notification", K_NOTIFICATION },
  { "notified", K_NOTIFICATION },
  { "domestic incident", K_DOMESTIC },
  { "domestic abuse", K_DOMESTIC },
  { "domestic violence", K_DOMESTIC },
  { "arrested", K_ARREST },
  { "arrest", K_ARREST },
  { "custody", K_ARREST },
  { "assessment", K_ASSESSMENT },
  { "phone call", K_PHONE },
  { "telephone call", K_PHONE },
  { "telephone", K_PHONE },
  { "call from", K_PHONE },
  { "call to", K_PHONE },
  { "phoned", K_PHONE },
  { "telephoned", K_PHONE },
  { "rang", K_PHONE },
  { "by phone", K_PHONE },
  { "letter", K_LETTER },
  { "section 47", K_SECTION_47 },
  { "s47", K_SECTION_47 },
  { "appointment", K_APPOINTMENT },
  { "consultation", K_APPOINTMENT },
  { "clinic", K_APPOINTMENT },
  { "meeting", K_MEETING },
  { "correspondence", K_CORRESPONDENCE },
  { "request for", K_CORRESPONDENCE },
  { "invitation", K_CORRESPONDENCE },
  { "invited to", K_CORRESPONDENCE },
  { "agenda", K_CORRESPONDENCE },
  { "minutes received", K_CORRESPONDENCE },
  { "report to", K_CORRESPONDENCE },
  { "information received", K_CORRESPONDENCE },
};

/* The phrases by their first word, so that a text is read once, word by
 * word, instead of once per phrase: this runs over every record. */
static GHashTable *
occurrence_index (void)
{
  static GHashTable *index;

  if (g_once_init_enter (&index))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify)g_ptr_array_unref);

      for (guint i = 0; i < G_N_ELEMENTS (occurrence_words); i++)
        {
          const char *phrase = occurrence_words[i].phrase;
          gsize n = strcspn (phrase, " ");
          g_autofree char *first = g_strndup (phrase, n);
          GPtrArray *list = g_hash_table_lookup (table, first);

          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (table, g_steal_pointer (&first), list);
            }
          g_ptr_array_add (list, (gpointer)&occurrence_words[i]);
        }
      g_once_init_leave (&index, table);
    }
  return index;
}

static guint
occurrence_kinds (const char *text,
                  const char *lower)
{
  GHashTable *index = occurrence_index ();
  guint kinds = 0;
  char word[32];

  for (const char *p = lower; *p; )
    {
      const char *start;
      gsize n;
      GPtrArray *candidates;

      while (*p && !word_char (*p))
        p++;
      start = p;
      while (*p && word_char (*p))
        p++;
      n = p - start;
      if (n == 0 || n >= sizeof word)
        continue;
      memcpy (word, start, n);
      word[n] = '\0';
      if ((candidates = g_hash_table_lookup (index, word)) == NULL)
        continue;
      for (guint i = 0; i < candidates->len; i++)
        {
          const struct { const char *phrase; guint kind; } *c = g_ptr_array_index (candidates, i);
          gsize len = strlen (c->phrase);

          if (!(kinds & c->kind) && strncmp (start, c->phrase, len) == 0 &&
              !word_char (start[len]))
            kinds |= c->kind;
        }
    }
  /* "ED" is the emergency department only as written in capitals */
  if (find_word (text, "ED") != NULL)
    kinds |= K_HOSPITAL;
  return kinds;
}

/* ------------------------------------------------------ per-record facts */

/* "12/03/2021", "03/07/21", "15/07": dates written inside the text. A record
 * that names a date other than its own is about an earlier occurrence. */
static void
find_text_dates (const char *text,
                 guint32     own_year,
                 GArray     *days)
{
  for (const char *p = text; *p; p++)
    {
      int d = 0, m = 0, y = 0, n = 0;
      const char *q = p;

      if (!g_ascii_isdigit (*p) || (p > text && (g_ascii_isdigit (p[-1]) || p[-1] == '/')))
        continue;
      while (g_ascii_isdigit (*q) && n < 3)
        d = d * 10 + (*q++ - '0'), n++;
      if (n == 0 || n > 2 || (*q != '/' && *q != '.'))
        continue;
      q++;
      n = 0;
      while (g_ascii_isdigit (*q) && n < 3)
        m = m * 10 + (*q++ - '0'), n++;
      if (n == 0 || n > 2)
        continue;
      if ((*q == '/' || *q == '.') && g_ascii_isdigit (q[1]))
        {
          const char *r = q + 1;

          n = 0;
          while (g_ascii_isdigit (*r) && n < 5)
            y = y * 10 + (*r++ - '0'), n++;
          if (n == 2)
            y += y >= 69 ? 1900 : 2000;
          else if (n != 4)
            continue;
          q = r;
        }
      else
        y = own_year;
      if (g_ascii_isdigit (*q))
        continue;
      {
        guint32 day = cg_date_from_ymd (y, m, d);
        if (day)
          g_array_append_val (days, day);
      }
      p = q - 1;
    }
}

/* "999 call 17:20": a time in the text, for records without a time column. */
static int
find_text_time (const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && p[2] == ':' &&
          g_ascii_isdigit (p[3]) && g_ascii_isdigit (p[4]) && !g_ascii_isdigit (p[5]) &&
          (p == text || !g_ascii_isdigit (p[-1])))
        {
          int h = (p[0] - '0') * 10 + (p[1] - '0');
          int m = (p[3] - '0') * 10 + (p[4] - '0');

          if (h < 24 && m < 60)
            return h * 60 + m;
        }
    }
  return -1;
}

static const char * const generic_child_words[] = {
  "child", "children", "baby", "infant", "both children", "the children", "siblings",
  "toddler", "kids", NULL,
};

static gboolean
negated_before (const char *sentence,
                const char *at)
{
  static const char * const negations[] = {
    "not ", "n't ", "never ", "unable to be ", "without being ", "nor ",
  };
  gsize back = MIN ((gsize)(at - sentence), 16);
  g_autofree char *window = g_strndup (at - back, back);

  for (guint i = 0; i < G_N_ELEMENTS (negations); i++)
    if (strstr (window, negations[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Last place in [start, end) where one of @terms occurs as a word. */
static const char *
last_term (const char         *start,
           const char         *end,
           const char * const *terms)
{
  const char *best = NULL;
  g_autofree char *span = g_strndup (start, end - start);

  for (guint i = 0; terms && terms[i]; i++)
    {
      const char *p = span;
      const char *hit;

      if (*terms[i] == '\0')
        continue;
      while ((hit = find_word (p, terms[i])) != NULL)
        {
          if (best == NULL || start + (hit - span) > best)
            best = start + (hit - span);
          p = hit + 1;
        }
    }
  return best;
}

/* Was the subject child seen, by what the text says? 1 seen, 0 not seen, -1
 * not said. "Lily not seen – asleep upstairs ... Mason seen." is 0 when Lily
 * is the subject: the nearest person before "seen" decides. */
static int
infer_child_seen (const char         *lower,
                  const char * const *subject_terms,
                  const char * const *other_terms)
{
  int verdict = -1;
  const char *sentence = lower;

  if (strstr (lower, "seen") == NULL)
    return -1;
  while (*sentence)
    {
      const char *end = sentence + strcspn (sentence, ".;!?\n");
      g_autofree char *s = g_strndup (sentence, end - sentence);
      const char *p = s;
      const char *hit;

      while ((hit = find_word (p, "seen")) != NULL)
        {
          const char *subject = last_term (s, hit, subject_terms);
          const char *generic = last_term (s, hit, generic_child_words);
          const char *other = last_term (s, hit, other_terms);
          const char *who = subject;

          if (generic && (!who || generic > who))
            who = generic;
          if (who && (!other || who >= other))
            verdict = negated_before (s, hit) || (hit - s >= 2 && strncmp (hit - 2, "un", 2) == 0)
                      ? 0 : 1;
          p = hit + 4;
        }
      sentence = *end ? end + 1 : end;
    }
  return verdict;
}

/* The people of the review as texts name them: full names, first names,
 * aliases, role labels, and the family words for the roles. */
typedef struct
{
  char *term;     /* lower case */
  char *person;   /* key, or the role word itself */
} PersonTerm;

static void
person_term_free (PersonTerm *term)
{
  g_free (term->term);
  g_free (term->person);
  g_free (term);
}

static void
add_person_term (GPtrArray  *terms,
                 const char *term,
                 const char *person)
{
  PersonTerm *t;

  if (term == NULL || strlen (term) < 2)
    return;
  t = g_new0 (PersonTerm, 1);
  t->term = g_ascii_strdown (term, -1);
  t->person = g_strdup (person);
  g_ptr_array_add (terms, t);
}

static GPtrArray *
person_terms_new (CgFamily *family)
{
  static const char * const roles[][2] = {
    { "mother", "mother" }, { "mum", "mother" }, { "father", "father" }, { "dad", "father" },
    { "stepfather", "stepfather" }, { "partner", "partner" }, { "grandmother", "grandmother" },
    { "grandfather", "grandfather" }, { "nan", "grandmother" }, { "sister", "sister" },
    { "brother", "brother" },
  };
  GPtrArray *terms = g_ptr_array_new_with_free_func ((GDestroyNotify)person_term_free);

  for (guint i = 0; family && i < family->people->len; i++)
    {
      CgPerson *person = g_ptr_array_index (family->people, i);
      g_auto(GStrv) parts = g_strsplit (person->name ? person->name : "", " ", -1);

      add_person_term (terms, person->name, person->key);
      if (parts[0] && parts[1])
        add_person_term (terms, parts[0], person->key);
      for (guint k = 0; person->aliases && person->aliases[k]; k++)
        add_person_term (terms, person->aliases[k], person->key);
      add_person_term (terms, person->label, person->key);
    }
  /* A role word names the one person whose label it is, else itself. */
  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      const char *key = NULL;
      guint found = 0;

      for (guint i = 0; family && i < family->people->len; i++)
        {
          CgPerson *person = g_ptr_array_index (family->people, i);
          g_autofree char *label = g_ascii_strdown (person->label ? person->label : "", -1);

          if (g_strcmp0 (label, roles[r][1]) == 0)
            {
              key = person->key;
              found++;
            }
        }
      add_person_term (terms, roles[r][0], found == 1 ? key : roles[r][1]);
    }
  return terms;
}

/* The person named last before @at in @sentence; a pronoun ("he", "she")
 * stands for that person too. */
static const char *
person_before (GPtrArray  *terms,
               const char *sentence,
               const char *at)
{
  const char *best = NULL, *who = NULL;
  g_autofree char *span = g_strndup (sentence, at - sentence);

  for (guint i = 0; i < terms->len; i++)
    {
      PersonTerm *t = g_ptr_array_index (terms, i);
      const char *p = span, *hit;

      while ((hit = find_word (p, t->term)) != NULL)
        {
          if (best == NULL || hit > best || (hit == best && strlen (t->term) > 0))
            {
              best = hit;
              who = t->person;
            }
          p = hit + 1;
        }
    }
  return who;
}

/* "Leah attended", "Sharon present", "Leah did not attend", "CAMHS sent
 * apologies"; "Craig says he was alone with the baby". */
static void
presence_of (const char  *lower,
             GPtrArray   *terms,
             GHashTable **presence,
             char       **alone_with)
{
  static const struct { const char *phrase; int value; } phrases[] = {
    { "did not attend", -1 }, { "didn't attend", -1 }, { "did not attend", -1 },
    { "failed to attend", -1 }, { "not present", -1 }, { "was absent", -1 }, { "absent", -1 },
    { "not in attendance", -1 }, { "was not there", -1 }, { "not at home", -1 },
    { "attended", 1 }, { "was present", 1 }, { "present", 1 }, { "in attendance", 1 },
  };
  const char *sentence = lower;

  if (terms->len == 0 ||
      !(strstr (lower, "attend") || strstr (lower, "present") || strstr (lower, "absent") ||
        strstr (lower, "alone with") || strstr (lower, "not there") || strstr (lower, "at home")))
    return;

  while (*sentence)
    {
      gsize len = strcspn (sentence, ".;\n");
      g_autofree char *s = g_strndup (sentence, len);
      const char *hit;

      for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
        {
          const char *p = s;

          while ((hit = find_word (p, phrases[i].phrase)) != NULL)
            {
              const char *who = person_before (terms, s, hit);
              gboolean negative_form = phrases[i].value < 0;

              /* "did not attend" also contains "attend"; take the longest form */
              if (who != NULL && (negative_form || !negated_before (s, hit)))
                {
                  if (*presence == NULL)
                    *presence = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
                  if (!g_hash_table_contains (*presence, who))
                    g_hash_table_insert (*presence, g_strdup (who),
                                         GINT_TO_POINTER (phrases[i].value));
                }
              p = hit + strlen (phrases[i].phrase);
            }
        }

      if ((hit = find_word (s, "alone with")) != NULL && *alone_with == NULL)
        {
          const char *who = person_before (terms, s, hit);

          if (who != NULL)
            *alone_with = g_strdup (who);
        }
      sentence += len;
      if (*sentence)
        sentence++;
    }
}

/* Mechanisms and objects of an explanation for an injury. */
static const struct { const char *phrase; guint bit; } explanation_words[] = {
  { "fell", 1 << 0 }, { "fall", 1 << 0 }, { "fallen", 1 << 0 }, { "tripped", 1 << 0 },
  { "slipped", 1 << 0 },
  { "punched", 1 << 1 }, { "hit", 1 << 1 }, { "struck", 1 << 1 }, { "slapped", 1 << 1 },
  { "assaulted", 1 << 1 }, { "kicked", 1 << 1 }, { "pushed", 1 << 1 }, { "shook", 1 << 1 },
  { "shaken", 1 << 1 }, { "grabbed", 1 << 1 }, { "thrown", 1 << 1 },
  { "burn", 1 << 2 }, { "burnt", 1 << 2 }, { "scald", 1 << 2 }, { "scalded", 1 << 2 },
  { "bitten", 1 << 3 }, { "bite", 1 << 3 },
  { "rolled", 1 << 0 }, { "toppled", 1 << 0 }, { "dropped", 1 << 5 },
  { "caught", 1 << 4 }, { "knocked", 1 << 4 }, { "bumped", 1 << 4 }, { "banged", 1 << 4 },
  { "walked into", 1 << 4 }, { "ran into", 1 << 4 }, { "trapped", 1 << 4 },
  { "squeezed", 1 << 1 }, { "strangled", 1 << 1 }, { "throttled", 1 << 1 },
  { "touched", 1 << 2 },
};

static const char * const explanation_objects[] = {
  "sofa", "settee", "couch", "stairs", "door", "bed", "cot", "table", "chair", "bath", "wall",
  "floor", "window", "trampoline", "bike", "bicycle", "step", "steps", "radiator", "oven",
  "toy", "mug", "cup", "coffee table", "highchair", "changing table", "bouncer", "pram",
  "kettle", "iron", "dog",
};

static void
explanation_of (const char *lower,
                guint      *mechanisms,
                guint      *objects)
{
  static const char * const harm[] = {
    "injur", "bruis", "lacerat", "cut ", "fractur", "burn", "mark", "wound", "head",
    "conscious", "bleed", "swell", "hurt", "haemorrhag", "graze", "scratch", "scald", "wake",
  };
  gboolean harmed = FALSE;

  *mechanisms = 0;
  *objects = 0;
  for (guint i = 0; i < G_N_ELEMENTS (harm) && !harmed; i++)
    harmed = strstr (lower, harm[i]) != NULL;
  if (!harmed)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (explanation_words); i++)
    if (find_word (lower, explanation_words[i].phrase))
      *mechanisms |= explanation_words[i].bit;
  for (guint i = 0; i < G_N_ELEMENTS (explanation_objects); i++)
    if (find_word (lower, explanation_objects[i]))
      *objects |= 1u << i;
}

/* Hand-overs a record describes: referrals, notifications, PPNs, letters and
 * information shared, with the agencies named beside them. */
static const char * const handover_words[] = {
  "referral", "referred", "refer", "ppn", "ppns", "notification", "notified", "letter",
  "information shared", "shared with", "information passed", "passed to", "informed",
  "sent to", "emailed", "report sent", "notify", "faxed", "copied to", "copy sent",
  "forwarded to", "signposted to",
};

static const char * const handover_negations[] = {
  "no ", "not ", "nor ", "without ", "declined ", "never ", "advised to ", "self-", "self ",
  "to consider ", "will consider ",
};

static guint32
handover_targets (const char *text,
                  const char *lower)
{
  guint32 targets = 0;
  const char *clause = lower;
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (handover_words) && !any; i++)
    any = strstr (lower, handover_words[i]) != NULL;
  if (!any)
    return 0;
  while (*clause)
    {
      gsize len = strcspn (clause, ".;:\n");
      g_autofree char *c = g_strndup (clause, len);
      g_autofree char *c_text = g_strndup (text + (clause - lower), len);

      for (guint i = 0; i < G_N_ELEMENTS (handover_words); i++)
        {
          const char *hit = find_word (c, handover_words[i]);
          gboolean negated = FALSE;

          if (hit == NULL)
            continue;
          {
            gsize back = MIN ((gsize)(hit - c), 12);
            g_autofree char *window = g_strndup (hit - back, back);

            for (guint k = 0; k < G_N_ELEMENTS (handover_negations); k++)
              if (strstr (window, handover_negations[k]) != NULL || g_str_has_prefix (c, "no "))
                negated = TRUE;
          }
          if (!negated)
            targets |= cg_agency_kinds_handed_over (c_text, c);
          break;
        }
      clause += len;
      if (*clause)
        clause++;
    }
  return targets;
}

/* Accounts given later: a statement, a recollection, notes written up later. */
static const char * const later_account_phrases[] = {
  "witness statement", "statement taken", "statement recorded", "statement made",
  "gave a statement", "provided a statement", "made a statement", "statement obtained",
  "recollection", "recollects", "recalled", "recalls", "from memory", "written up",
  "recorded retrospectively", "retrospective entry", "retrospectively recorded",
  "entered retrospectively", "late entry", "entry made later", "recorded later",
  "taken after the incident", "interview after", "interviewed after", "account given later",
  "later account", "retrospective",
};

static gboolean
is_later_account (CgEvent    *event,
                  const char *lower_all)
{
  g_autofree char *type = g_ascii_strdown (event->type ? event->type : "", -1);
  g_autofree char *source = g_ascii_strdown (event->source ? event->source : "", -1);

  /* The kind of record says so: "Witness statement", "Statement". */
  if (find_word (type, "statement") || find_word (source, "statement"))
    return TRUE;
  /* every phrase below has one of these in it: most records have none */
  if (!strstr (lower_all, "state") && !strstr (lower_all, "recoll") &&
      !strstr (lower_all, "recall") && !strstr (lower_all, "memory") &&
      !strstr (lower_all, "written") && !strstr (lower_all, "retrospect") &&
      !strstr (lower_all, "late") && !strstr (lower_all, "after"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (later_account_phrases); i++)
    if (strstr (lower_all, later_account_phrases[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* ---------------------------------------------------------------- recording */

static void
classify (CgEvent        *event,
          const CgReview *review,
          const char     *lower_all)
{
  gboolean later = is_later_account (event, lower_all);

  event->lag_days = G_MININT;
  event->recording = CG_RECORDING_UNKNOWN;
  event->after_incident = FALSE;

  if (event->recorded != 0 && event->date.end != 0)
    {
      event->lag_days = (int)event->recorded - (int)event->date.end;
      event->recording = event->lag_days > review->retrospective_days
                         ? CG_RECORDING_RETROSPECTIVE : CG_RECORDING_CONTEMPORANEOUS;
    }
  if (later)
    event->recording = CG_RECORDING_RETROSPECTIVE;

  if (review->incident != 0)
    {
      if (event->recorded != 0)
        event->after_incident = event->recorded > review->incident;
      else if (later && event->date.end != 0 && strstr (lower_all, "after the incident") != NULL)
        event->after_incident = event->date.end >= review->incident;
    }
}

static char *
lower_text_of (CgEvent *event)
{
  g_autofree char *joined = g_strjoin (" \n ", event->type ? event->type : "",
                                       event->text ? event->text : "",
                                       event->action ? event->action : "",
                                       event->comment ? event->comment : "",
                                       event->source ? event->source : "", NULL);

  return g_ascii_strdown (joined, -1);
}

void
cg_recording_classify (CgEvent        *event,
                       const CgReview *review)
{
  g_autofree char *lower = lower_text_of (event);

  classify (event, review, lower);
}

/* --------------------------------------------------------------- analysis */

typedef struct
{
  CgEvent      *event;
  guint         index;          /* in the sorted events */
  guint         agency;         /* index among the review's agencies */
  CgAgencyKind  agency_kind;
  char         *all_text;       /* type, text, action, comment, source as written */
  char         *lower;          /* the same, lower case */
  char         *lower_main;     /* type and text only: what the record is about */
  GArray       *words;
  guint         kinds;          /* from the type and text */
  guint         all_kinds;      /* from every text field, actions included */
  guint32       mentions;       /* kinds of agency named anywhere, once known */
  gboolean      mentions_known;
  GPtrArray    *agency_names;   /* the review's agency names, lower case (shared) */
  GArray       *agency_kinds;   /* their kinds (shared) */
  guint32       handovers;      /* kinds of agency handed over to or from */
  guint32       contacts;       /* kinds of agency called, written to or heard from */
  GArray       *text_days;
  GHashTable   *presence;       /* person -> GINT_TO_POINTER (1 present, -1 absent) */
  char         *alone_with;     /* the person said to have been alone with the child */
  int           time;           /* the time column, or a time in the text */
  int           seen;           /* subject child seen: 1, 0 or -1 */
  guint         mechanisms;
  guint         objects;
  guint         representative; /* index of the first exact copy, or itself */
  guint         set;            /* union-find parent */
  guint         set_size;
  guint64       set_agencies;
  guint32       set_start;
  guint32       set_end;
} Info;

typedef struct
{
  guint a, b;
  int   score;
} Link;

static void
info_clear (Info *info)
{
  g_free (info->all_text);
  g_free (info->lower);
  g_free (info->lower_main);
  g_clear_pointer (&info->words, g_array_unref);
  g_clear_pointer (&info->text_days, g_array_unref);
  g_clear_pointer (&info->presence, g_hash_table_unref);
  g_clear_pointer (&info->alone_with, g_free);
}

/* Lower-case letters and digits of a text, one space between words. */
static void
append_normalised (GString    *out,
                   const char *text)
{
  gboolean space = FALSE;

  for (const char *p = text ? text : ""; *p; p++)
    {
      if (g_ascii_isalnum (*p) || (*p & 0x80))
        {
          if (space)
            g_string_append_c (out, ' ');
          g_string_append_c (out, g_ascii_tolower (*p));
          space = FALSE;
        }
      else
        space = out->len > 0;
    }
  g_string_append_c (out, '|');
}

static char *
duplicate_key (CgEvent *event)
{
  GString *key = g_string_new (event->agency);

  g_string_append_printf (key, "|%u|%u|%d|", event->date.start, event->date.end, event->date.time);
  append_normalised (key, event->date_text);
  append_normalised (key, event->type);
  append_normalised (key, event->text);
  append_normalised (key, event->action);
  append_normalised (key, event->practitioner);
  return g_string_free (key, FALSE);
}

static gboolean
clusterable (const CgEvent *event)
{
  return event->date.start != 0 &&
         (event->date.precision == CG_PRECISION_DAY ||
          (event->date.precision == CG_PRECISION_RANGE && event->date.end - event->date.start <= 2));
}

static guint
gap_days (const CgEvent *a,
          const CgEvent *b)
{
  if (a->date.end < b->date.start)
    return b->date.start - a->date.end;
  if (b->date.end < a->date.start)
    return a->date.start - b->date.end;
  return 0;
}

static gboolean
about_other_date (const Info    *info,
                  const CgEvent *other)
{
  for (guint i = 0; i < info->text_days->len; i++)
    {
      guint32 day = g_array_index (info->text_days, guint32, i);
      guint32 own = info->event->date.start;

      /* "PPN re incident 03/07/2021" names a recent other day; "last seen
       * 15.6.22" in a record months later is background, not its subject. */
      if (day + 31 < own || day > own + 31)
        continue;
      if (day + 1 < other->date.start || day > other->date.end + 1)
        return TRUE;
    }
  return FALSE;
}

/* Which agencies a record names: worked out only for the records that a
 * hand-over makes it matter for. */
static guint32
mentions_of (Info *info)
{
  if (!info->mentions_known)
    {
      info->mentions = cg_agency_kinds_in_text (info->all_text, info->lower);
      /* "Riverside Primary" or "Northtown Housing" as the author named them */
      for (guint i = 0; info->agency_names && i < info->agency_names->len; i++)
        {
          const char *name = g_ptr_array_index (info->agency_names, i);

          if (strlen (name) > 3 && find_word (info->lower, name) != NULL)
            info->mentions |= 1u << g_array_index (info->agency_kinds, CgAgencyKind, i);
        }
      info->mentions_known = TRUE;
    }
  return info->mentions;
}

/* Does @info's text name a day of @other's that is not its own ("letter
 * received: family discussed at MARAC 15/07")? Then it is about that
 * occurrence, not a record of it. */
static gboolean
names_day_of (const Info    *info,
              const CgEvent *other)
{
  for (guint i = 0; i < info->text_days->len; i++)
    {
      guint32 day = g_array_index (info->text_days, guint32, i);

      if ((day < info->event->date.start || day > info->event->date.end) &&
          day >= other->date.start && day <= other->date.end)
        return TRUE;
    }
  return FALSE;
}

static int
score_pair (Info *a,
            Info *b)
{
  guint gap = gap_days (a->event, b->event);
  guint shared_strong = a->kinds & b->kinds & STRONG_KINDS;
  guint shared_weak = a->kinds & b->kinds & ~(guint)STRONG_KINDS;
  gboolean handover_pair, time_close = FALSE, anchored;
  int score = gap == 0 ? 2 : gap == 1 ? 0 : -1;
  double similarity;

  /* A 999 call and the attendance it led to are one occurrence seen twice. */
  if (((a->kinds & K_AMBULANCE) && (b->kinds & K_HOSPITAL)) ||
      ((a->kinds & K_HOSPITAL) && (b->kinds & K_AMBULANCE)))
    shared_strong |= K_HOSPITAL;

  /* Meetings are minuted late and misdated: a strategy discussion or a
   * conference may be recorded up to three days apart. Anything else must
   * be the same day or the next. */
  if (gap > 1 && !(gap <= MEETING_GAP_DAYS && (shared_strong & MEETING_KINDS)))
    return G_MININT;

  /* Two agencies each visit the home on one day: one visit only when it was
   * joint, or one record names the other agency. */
  if ((shared_strong & K_HOME_VISIT) &&
      !(strstr (a->lower_main, "joint") && strstr (b->lower_main, "joint")) &&
      !(mentions_of (a) & (1u << b->agency_kind)) && !(mentions_of (b) & (1u << a->agency_kind)))
    {
      shared_strong &= ~K_HOME_VISIT;
      shared_weak |= K_HOME_VISIT;
    }
  anchored = shared_strong != 0;

  if (a->time >= 0 && b->time >= 0 && gap == 0)
    {
      int d = ABS (a->time - b->time);

      if (d <= 60)
        {
          score += 2;
          time_close = TRUE;
        }
      else if (d <= 120)
        score += 1;
      else if (d > 180)
        score -= 3;
    }

  /* A named multi-agency meeting is the strongest sign of all. */
  if (shared_strong & MEETING_KINDS)
    score += 4;
  else if (shared_strong)
    score += 3;
  else if ((a->kinds & STRONG_KINDS) && (b->kinds & STRONG_KINDS))
    score -= 1;
  if (shared_weak)
    score += 1;

  /* One hand-over seen from both ends: "referral to social care" and
   * "referral from the hospital" on the same day. A record of a hand-over
   * belongs with its other end more than with anything else that day. */
  handover_pair = gap == 0 &&
                  (a->all_kinds & (K_REFERRAL | K_NOTIFICATION | K_PHONE | K_LETTER)) &&
                  (b->all_kinds & (K_REFERRAL | K_NOTIFICATION | K_PHONE | K_LETTER)) &&
                  (((a->contacts & (1u << b->agency_kind)) &&
                    (mentions_of (b) & (1u << a->agency_kind))) ||
                   ((b->contacts & (1u << a->agency_kind)) &&
                    (mentions_of (a) & (1u << b->agency_kind))));
  if (handover_pair)
    {
      score += 4;
      anchored = TRUE;
    }
  else if ((a->handovers && (a->kinds & (K_REFERRAL | K_NOTIFICATION))) !=
           (b->handovers && (b->kinds & (K_REFERRAL | K_NOTIFICATION))))
    score -= 1;

  /* Words alone do not make one occurrence: two agencies' routine visits on
   * one day read alike, and two records an hour apart may be about different
   * things. Something must tie them: the kind of occurrence, one hand-over
   * seen from both ends, or a close time with something in common. */
  if (!anchored && !time_close)
    return LINK_THRESHOLD - 1;

  similarity = dice (a->words, b->words);
  if (!anchored && !(shared_weak || similarity >= 0.25))
    return LINK_THRESHOLD - 1;

  if (similarity >= 0.5)
    score += 3;
  else if (similarity >= 0.3)
    score += 2;
  else if (similarity >= 0.15)
    score += 1;

  if (a->event->people && b->event->people)
    for (guint i = 0; i < a->event->people->len; i++)
      if (g_ptr_array_find_with_equal_func (b->event->people,
                                            g_ptr_array_index (a->event->people, i),
                                            g_str_equal, NULL))
        {
          score += 1;
          break;
        }

  if (about_other_date (a, b->event) || about_other_date (b, a->event))
    score -= 3;

  /* Across days only with much in common; and never for a record that names
   * another day ("letter received: family discussed at MARAC 15/07"), which
   * is about an occurrence, not one. */
  if (gap > 0 && (names_day_of (a, b->event) || names_day_of (b, a->event)))
    return G_MININT;
  /* A call, letter or request on another day passes word about the
   * occurrence; it is not the occurrence. (Joining a meeting by phone is
   * still the meeting.) */
  if (gap > 0 && (((a->kinds | b->kinds) & K_CORRESPONDENCE) ||
                  (((a->kinds | b->kinds) & COMMUNICATION_KINDS) && !(shared_strong & MEETING_KINDS))))
    return G_MININT;
  if (gap > 1 && similarity < 0.3)
    return G_MININT;

  return score;
}

static guint
find_set (Info  *infos,
          guint  i)
{
  while (infos[i].set != i)
    {
      infos[i].set = infos[infos[i].set].set;
      i = infos[i].set;
    }
  return i;
}

static gboolean
pair_in (GHashTable *pairs,
         Info       *a,
         Info       *b)
{
  g_autofree char *ia = NULL;
  g_autofree char *ib = NULL;
  g_autofree char *key = NULL;

  if (pairs == NULL || g_hash_table_size (pairs) == 0)
    return FALSE;
  ia = _cg_event_identity (a->event);
  ib = _cg_event_identity (b->event);
  key = _cg_pair_key (ia, ib);
  return g_hash_table_contains (pairs, key);
}

static gboolean
join_sets (Info     *infos,
           guint     a,
           guint     b,
           gboolean  forced)
{
  guint ra = find_set (infos, a), rb = find_set (infos, b);
  guint32 start, end;

  if (ra == rb)
    return TRUE;
  start = MIN (infos[ra].set_start, infos[rb].set_start);
  end = MAX (infos[ra].set_end, infos[rb].set_end);
  if (!forced)
    {
      if (infos[ra].set_agencies & infos[rb].set_agencies)
        return FALSE;
      if (end - start > MAX_CLUSTER_SPAN_DAYS)
        return FALSE;
    }
  if (infos[ra].set_size < infos[rb].set_size)
    {
      guint t = ra;
      ra = rb;
      rb = t;
    }
  infos[rb].set = ra;
  infos[ra].set_size += infos[rb].set_size;
  infos[ra].set_agencies |= infos[rb].set_agencies;
  infos[ra].set_start = start;
  infos[ra].set_end = end;
  return TRUE;
}

static int
compare_links (gconstpointer a,
               gconstpointer b)
{
  const Link *x = a, *y = b;

  if (x->score != y->score)
    return y->score - x->score;
  if (x->a != y->a)
    return x->a < y->a ? -1 : 1;
  return x->b < y->b ? -1 : x->b > y->b ? 1 : 0;
}

static int
compare_events_by_date (gconstpointer a,
                        gconstpointer b)
{
  return cg_event_compare_by_date (*(CgEvent * const *)a, *(CgEvent * const *)b);
}

static char *
agency_list (GPtrArray *events)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (events, i);

      if (!g_ptr_array_find_with_equal_func (names, event->agency, g_str_equal, NULL))
        g_ptr_array_add (names, event->agency);
    }
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == names->len ? _(" and ") : ", ");
      g_string_append (out, g_ptr_array_index (names, i));
    }
  return g_string_free (out, FALSE);
}

static char *
describe_day (guint32 day)
{
  CgPeriod period = { day, day, CG_PRECISION_DAY, FALSE, -1 };

  return cg_period_describe (&period);
}

static char *
discrepancy_key (CgDiscrepancyKind  kind,
                 GPtrArray         *events)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GString *key = g_string_new (cg_discrepancy_kind_to_string (kind));

  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (ids, _cg_event_identity (g_ptr_array_index (events, i)));
  g_ptr_array_sort (ids, compare_strings);
  for (guint i = 0; i < ids->len; i++)
    {
      g_string_append_c (key, ';');
      g_string_append (key, g_ptr_array_index (ids, i));
    }
  return g_string_free (key, FALSE);
}

static void
add_discrepancy (CgAnalysis        *analysis,
                 CgDiscrepancyKind  kind,
                 GPtrArray         *events,
                 char              *summary)
{
  CgDiscrepancy *d = g_new0 (CgDiscrepancy, 1);

  d->kind = kind;
  d->events = events;
  d->summary = summary;
  d->status = CG_FLAG_OPEN;
  d->key = discrepancy_key (kind, events);
  g_ptr_array_add (analysis->discrepancies, d);
}

/* ---------------------------------------------------------- the rules */

static Info *
info_of (GHashTable *index_of,
         Info       *infos,
         CgEvent    *event)
{
  return &infos[GPOINTER_TO_UINT (g_hash_table_lookup (index_of, event))];
}

static void
find_conflicts (CgAnalysis *analysis,
                CgCluster  *cluster,
                Info       *infos,
                GHashTable *index_of)
{
  GPtrArray *members = cluster->events;
  gboolean dates_disagree = FALSE;

  if (cluster->kind != CG_CLUSTER_SAME_OCCURRENCE)
    return;

  /* Dates: records whose periods do not overlap. */
  for (guint i = 0; i < members->len && !dates_disagree; i++)
    for (guint j = i + 1; j < members->len; j++)
      if (gap_days (g_ptr_array_index (members, i), g_ptr_array_index (members, j)) > 0)
        {
          dates_disagree = TRUE;
          break;
        }
  if (dates_disagree)
    {
      GPtrArray *events = g_ptr_array_copy (members, NULL, NULL);
      g_autofree char *agencies = agency_list (events);
      GString *dates = g_string_new (NULL);

      for (guint i = 0; i < events->len; i++)
        {
          CgEvent *e = g_ptr_array_index (events, i);
          g_autofree char *when = cg_period_describe (&e->date);

          g_string_append_printf (dates, "%s%s %s", i ? "; " : "", e->agency, when);
        }
      add_discrepancy (analysis, CG_DISCREPANCY_DATE_CONFLICT, events,
                       g_strdup_printf (_("%s record this occurrence on different dates: %s."),
                                        agencies, dates->str));
      g_string_free (dates, TRUE);
    }

  /* Times: the same day, more than an hour apart. */
  {
    GPtrArray *timed = g_ptr_array_new ();
    int earliest = G_MAXINT, latest = G_MININT;

    for (guint i = 0; i < members->len; i++)
      {
        CgEvent *e = g_ptr_array_index (members, i);
        if (e->date.time >= 0)
          g_ptr_array_add (timed, e);
      }
    for (guint i = 0; i < timed->len; i++)
      for (guint j = i + 1; j < timed->len; j++)
        {
          CgEvent *x = g_ptr_array_index (timed, i), *y = g_ptr_array_index (timed, j);

          if (x->date.start == y->date.start && ABS (x->date.time - y->date.time) > TIME_CONFLICT_MINUTES)
            {
              earliest = MIN (earliest, MIN (x->date.time, y->date.time));
              latest = MAX (latest, MAX (x->date.time, y->date.time));
            }
        }
    if (latest > earliest)
      {
        GString *times = g_string_new (NULL);

        for (guint i = 0; i < timed->len; i++)
          {
            CgEvent *e = g_ptr_array_index (timed, i);
            g_autofree char *t = cg_time_to_string (e->date.time);

            g_string_append_printf (times, "%s%s %s", i ? "; " : "", e->agency, t);
          }
        add_discrepancy (analysis, CG_DISCREPANCY_TIME_CONFLICT, g_ptr_array_ref (timed),
                         g_strdup_printf (_("The times of this occurrence are more than an hour "
                                            "apart: %s."), times->str));
        g_string_free (times, TRUE);
      }
    g_ptr_array_unref (timed);
  }

  /* Facts: the child seen and not seen. */
  {
    GPtrArray *seen = g_ptr_array_new (), *unseen = g_ptr_array_new ();

    for (guint i = 0; i < members->len; i++)
      {
        CgEvent *e = g_ptr_array_index (members, i);
        int value = e->child_seen >= 0 ? e->child_seen : info_of (index_of, infos, e)->seen;

        if (value == 1)
          g_ptr_array_add (seen, e);
        else if (value == 0)
          g_ptr_array_add (unseen, e);
      }
    if (seen->len > 0 && unseen->len > 0)
      {
        GPtrArray *events = g_ptr_array_copy (seen, NULL, NULL);
        g_autofree char *who_seen = agency_list (seen);
        g_autofree char *who_unseen = agency_list (unseen);

        g_ptr_array_extend (events, unseen, NULL, NULL);
        g_ptr_array_sort (events, compare_events_by_date);
        add_discrepancy (analysis, CG_DISCREPANCY_FACT_CONFLICT, events,
                         g_strdup_printf (_("%s record the child as seen; %s record the child as "
                                            "not seen."), who_seen, who_unseen));
      }
    g_ptr_array_unref (seen);
    g_ptr_array_unref (unseen);
  }

  /* Facts: who was there, and who was alone with the child. */
  {
    g_autoptr(GPtrArray) involved = g_ptr_array_new ();
    g_autoptr(GString) who = g_string_new (NULL);

    for (guint i = 0; i < members->len; i++)
      for (guint j = i + 1; j < members->len; j++)
        {
          Info *x = info_of (index_of, infos, g_ptr_array_index (members, i));
          Info *y = info_of (index_of, infos, g_ptr_array_index (members, j));
          gboolean differ = FALSE;

          if (x->alone_with && y->alone_with && g_strcmp0 (x->alone_with, y->alone_with) != 0)
            differ = TRUE;
          if (x->presence && y->presence)
            {
              GHashTableIter iter;
              gpointer key, value;

              g_hash_table_iter_init (&iter, x->presence);
              while (g_hash_table_iter_next (&iter, &key, &value))
                {
                  gpointer other;

                  if (g_hash_table_lookup_extended (y->presence, key, NULL, &other) &&
                      GPOINTER_TO_INT (other) != GPOINTER_TO_INT (value))
                    differ = TRUE;
                }
            }
          if (differ)
            {
              if (!g_ptr_array_find (involved, x->event, NULL))
                g_ptr_array_add (involved, x->event);
              if (!g_ptr_array_find (involved, y->event, NULL))
                g_ptr_array_add (involved, y->event);
            }
        }
    if (involved->len > 0)
      {
        g_autofree char *agencies = agency_list (involved);

        g_ptr_array_sort (involved, compare_events_by_date);
        add_discrepancy (analysis, CG_DISCREPANCY_FACT_CONFLICT,
                         g_ptr_array_copy (involved, NULL, NULL),
                         g_strdup_printf (_("%s disagree about who was present, or who was "
                                            "alone with the child."), agencies));
      }
  }

  /* Facts: different explanations for an injury. */
  {
    GPtrArray *explained = g_ptr_array_new ();
    gboolean differ = FALSE;

    for (guint i = 0; i < members->len; i++)
      {
        CgEvent *e = g_ptr_array_index (members, i);
        Info *info = info_of (index_of, infos, e);

        if (info->mechanisms != 0)
          g_ptr_array_add (explained, info);
      }
    for (guint i = 0; i < explained->len; i++)
      for (guint j = i + 1; j < explained->len; j++)
        {
          Info *x = g_ptr_array_index (explained, i), *y = g_ptr_array_index (explained, j);

          if ((x->mechanisms & y->mechanisms) == 0 ||
              (x->objects && y->objects && (x->objects & y->objects) == 0))
            differ = TRUE;
        }
    if (differ)
      {
        GPtrArray *events = g_ptr_array_new ();
        g_autofree char *agencies = NULL;

        for (guint i = 0; i < explained->len; i++)
          g_ptr_array_add (events, ((Info *)g_ptr_array_index (explained, i))->event);
        agencies = agency_list (events);
        add_discrepancy (analysis, CG_DISCREPANCY_FACT_CONFLICT, events,
                         g_strdup_printf (_("%s give different explanations of how the injury "
                                            "happened."), agencies));
      }
    g_ptr_array_unref (explained);
  }
}

static void
find_missing_counterparts (CgAnalysis *analysis,
                           Info       *infos,
                           guint       n,
                           GPtrArray  *agencies,
                           GArray     *agency_kinds,
                           GPtrArray **by_agency)
{
  for (guint i = 0; i < n; i++)
    {
      Info *info = &infos[i];
      CgEvent *event = info->event;

      if (info->handovers == 0 || event->date.start == 0 || info->representative != i)
        continue;

      for (guint k = 0; k < agencies->len; k++)
        {
          CgAgencyKind kind = g_array_index (agency_kinds, CgAgencyKind, k);
          GPtrArray *theirs = by_agency[k];
          gboolean found = FALSE;

          if (k == info->agency || kind == CG_AGENCY_OTHER || kind == info->agency_kind ||
              !(info->handovers & (1u << kind)))
            continue;

          for (guint r = 0; r < theirs->len && !found; r++)
            {
              Info *other = g_ptr_array_index (theirs, r);
              CgEvent *oe = other->event;

              if (oe->date.start == 0)
                continue;
              if (oe->date.end + COUNTERPART_DAYS < event->date.start ||
                  oe->date.start > event->date.end + COUNTERPART_DAYS)
                continue;
              if (mentions_of (other) & (1u << info->agency_kind))
                found = TRUE;
            }

          if (!found)
            {
              GPtrArray *events = g_ptr_array_new ();
              g_autofree char *when = cg_period_describe (&event->date);

              g_ptr_array_add (events, event);
              add_discrepancy (analysis, CG_DISCREPANCY_MISSING_COUNTERPART, events,
                               g_strdup_printf (_("%s records a hand-over (a referral, "
                                                  "notification, letter or information) to or "
                                                  "from %s on %s, but %s has no record within "
                                                  "%d days that mentions %s."),
                                                event->agency,
                                                (char *)g_ptr_array_index (agencies, k), when,
                                                (char *)g_ptr_array_index (agencies, k),
                                                COUNTERPART_DAYS, event->agency));
            }
        }
    }
}

static int
compare_by_file_row (gconstpointer a,
                     gconstpointer b)
{
  const CgEvent *x = *(CgEvent * const *)a, *y = *(CgEvent * const *)b;

  if (x->file_id != y->file_id)
    return x->file_id < y->file_id ? -1 : 1;
  return x->row < y->row ? -1 : x->row > y->row ? 1 : 0;
}

static gpointer
ref_event (gconstpointer event,
           gpointer      user_data)
{
  return g_object_ref ((gpointer)event);
}

static void
find_sequence_and_scope (CgAnalysis *analysis)
{
  const CgReview *review = analysis->review;
  g_autoptr(GPtrArray) in_files = g_ptr_array_copy (analysis->events, ref_event, NULL);
  CgEvent *above = NULL;

  g_ptr_array_sort (in_files, compare_by_file_row);
  for (guint i = 0; i < in_files->len; i++)
    {
      CgEvent *event = g_ptr_array_index (in_files, i);

      if (above != NULL && above->file_id != event->file_id)
        above = NULL;
      if (event->date.start == 0)
        continue;

      if (above != NULL && event->date.end < above->date.start)
        {
          GPtrArray *events = g_ptr_array_new ();
          g_autofree char *mine = cg_period_describe (&event->date);
          g_autofree char *theirs = cg_period_describe (&above->date);

          g_ptr_array_add (events, above);
          g_ptr_array_add (events, event);
          add_discrepancy (analysis, CG_DISCREPANCY_OUT_OF_SEQUENCE, events,
                           g_strdup_printf (_("In %s, row %u (%s) comes after row %u (%s): it is "
                                              "out of date order in the agency’s own chronology."),
                                            event->file_name, event->row, mine, above->row,
                                            theirs));
        }
      above = event;
    }

  if (review->scope_from == 0 && review->scope_to == 0)
    return;
  for (guint i = 0; i < analysis->events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (analysis->events, i);
      gboolean before = review->scope_from && event->date.end < review->scope_from;
      gboolean after = review->scope_to && event->date.start > review->scope_to;

      if (event->date.start == 0 || !(before || after))
        continue;
      {
        GPtrArray *events = g_ptr_array_new ();
        g_autofree char *when = cg_period_describe (&event->date);
        g_autofree char *from = describe_day (review->scope_from);
        g_autofree char *to = describe_day (review->scope_to);

        g_ptr_array_add (events, event);
        add_discrepancy (analysis, CG_DISCREPANCY_OUTSIDE_SCOPE, events,
                         before
                         ? g_strdup_printf (_("Dated %s, before the review’s scope begins (%s)."),
                                            when, from)
                         : g_strdup_printf (_("Dated %s, after the review’s scope ends (%s)."),
                                            when, to));
      }
    }
}

static void
find_silences (CgAnalysis  *analysis,
               GPtrArray   *agencies,
               GPtrArray  **by_agency)
{
  int limit = analysis->review->silence_days;

  if (limit <= 0)
    return;
  for (guint k = 0; k < agencies->len; k++)
    {
      GPtrArray *records = by_agency[k];
      CgEvent *previous = NULL;

      for (guint r = 0; r < records->len; r++)
        {
          CgEvent *event = ((Info *)g_ptr_array_index (records, r))->event;

          if (event->date.start == 0)
            continue;
          if (previous != NULL && event->date.start > previous->date.end &&
              (int)(event->date.start - previous->date.end) > limit)
            {
              GPtrArray *events = g_ptr_array_new ();
              g_autofree char *from = cg_period_describe (&previous->date);
              g_autofree char *to = cg_period_describe (&event->date);

              g_ptr_array_add (events, previous);
              g_ptr_array_add (events, event);
              add_discrepancy (analysis, CG_DISCREPANCY_SILENCE, events,
                               g_strdup_printf (_("%s has no record for %u days, between %s and "
                                                  "%s."), event->agency,
                                                event->date.start - previous->date.end, from, to));
            }
          if (previous == NULL || event->date.end > previous->date.end)
            previous = event;
        }
    }
}

/* The people terms of the subject child and of everyone else, lower case. */
static void
people_terms (CgFamily     *family,
              const char   *subject_label,
              GStrv        *subject_terms,
              GStrv        *other_terms)
{
  g_autoptr(GStrvBuilder) subject = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) others = g_strv_builder_new ();

  if (subject_label && *subject_label)
    strv_builder_take (subject, g_ascii_strdown (subject_label, -1));
  for (guint i = 0; family && i < family->people->len; i++)
    {
      CgPerson *person = g_ptr_array_index (family->people, i);
      GStrvBuilder *target = person->subject ? subject : others;
      g_auto(GStrv) parts = g_strsplit (person->name ? person->name : "", " ", -1);

      for (guint k = 0; parts[k]; k++)
        if (strlen (parts[k]) > 1)
          strv_builder_take (target, g_ascii_strdown (parts[k], -1));
      for (guint k = 0; person->aliases && person->aliases[k]; k++)
        if (*person->aliases[k])
          strv_builder_take (target, g_ascii_strdown (person->aliases[k], -1));
      if (person->label && *person->label)
        strv_builder_take (target, g_ascii_strdown (person->label, -1));
    }
  *subject_terms = g_strv_builder_end (subject);
  *other_terms = g_strv_builder_end (others);
}

CgAnalysis *
_cg_analysis_run_with (CgReview          *review,
                       GPtrArray         *events,
                       CgFamily          *family,
                       const CgDecisions *decisions)
{
  CgAnalysis *analysis = _cg_analysis_new (review, events, family);
  g_autoptr(GPtrArray) agencies = g_ptr_array_new ();
  g_autoptr(GArray) agency_kinds = g_array_new (FALSE, FALSE, sizeof (CgAgencyKind));
  g_autoptr(GHashTable) agency_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) first_copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) agency_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (Link));
  g_autoptr(GHashTable) index_of = g_hash_table_new (NULL, NULL);
  g_auto(GStrv) subject_terms = NULL;
  g_auto(GStrv) other_terms = NULL;
  g_autoptr(GPtrArray) person_list = NULL;
  g_autoptr(CgMentionFinder) finder = family ? cg_mention_finder_new (family) : NULL;
  GPtrArray **by_agency;
  Info *infos;
  guint n = events->len;
  guint next_cluster = 1, next_flag = 1;

  g_ptr_array_sort (events, compare_events_by_date);
  infos = g_new0 (Info, MAX (n, 1));
  people_terms (family, review->subject, &subject_terms, &other_terms);
  person_list = person_terms_new (family);

  /* Per-record facts, computed once. */
  for (guint i = 0; i < n; i++)
    {
      CgEvent *event = g_ptr_array_index (events, i);
      Info *info = &infos[i];
      gpointer found;
      g_autofree char *identity = NULL;
      g_autofree char *main_text = g_strjoin (" ", event->type ? event->type : "",
                                              event->text ? event->text : "", NULL);

      info->event = event;
      info->index = i;
      g_hash_table_insert (index_of, event, GUINT_TO_POINTER (i));
      if (!g_hash_table_lookup_extended (agency_index, event->agency, NULL, &found))
        {
          CgAgencyKind kind = cg_agency_kind_from_name (event->agency);

          found = GUINT_TO_POINTER (agencies->len);
          g_hash_table_insert (agency_index, event->agency, found);
          g_ptr_array_add (agencies, event->agency);
          g_ptr_array_add (agency_names, g_ascii_strdown (event->agency, -1));
          g_array_append_val (agency_kinds, kind);
        }
      info->agency = GPOINTER_TO_UINT (found);
      info->agency_kind = g_array_index (agency_kinds, CgAgencyKind, info->agency);

      info->all_text = g_strjoin (" \n ", event->type ? event->type : "",
                                  event->text ? event->text : "",
                                  event->action ? event->action : "",
                                  event->comment ? event->comment : "",
                                  event->source ? event->source : "", NULL);
      info->lower = g_ascii_strdown (info->all_text, -1);
      info->lower_main = g_ascii_strdown (main_text, -1);
      info->words = content_words (info->lower_main);
      info->kinds = occurrence_kinds (main_text, info->lower_main);
      {
        /* the other fields only: the type and text were read just above */
        g_autofree char *rest = g_strjoin (" \n ", event->action ? event->action : "",
                                           event->comment ? event->comment : "",
                                           event->source ? event->source : "", NULL);
        g_autofree char *rest_lower = g_ascii_strdown (rest, -1);

        info->all_kinds = info->kinds | occurrence_kinds (rest, rest_lower);
      }
      /* What an ambulance service records is a call-out; what a hospital
       * records of someone brought in is an attendance. */
      if (info->agency_kind == CG_AGENCY_AMBULANCE)
        info->kinds |= K_AMBULANCE;
      if (info->agency_kind == CG_AGENCY_HOSPITAL &&
          (strstr (info->lower_main, "brought in") || strstr (info->lower_main, "brought by") ||
           strstr (info->lower_main, "arrived") || strstr (info->lower_main, "presented") ||
           strstr (info->lower_main, "attended") || strstr (info->lower_main, "attendance") ||
           strstr (info->lower_main, "admitted")))
        info->kinds |= K_HOSPITAL;
      info->handovers = handover_targets (info->all_text, info->lower);
      info->contacts = info->handovers;
      if (info->all_kinds & (K_PHONE | K_LETTER | K_REFERRAL | K_NOTIFICATION | K_CORRESPONDENCE))
        info->contacts |= cg_agency_kinds_handed_over (info->all_text, info->lower);
      info->text_days = g_array_new (FALSE, FALSE, sizeof (guint32));
      if (event->date.start)
        {
          int year, month, day;
          cg_date_to_ymd (event->date.start, &year, &month, &day);
          find_text_dates (event->text ? event->text : "", year, info->text_days);
        }
      info->time = event->date.time >= 0 ? event->date.time
                                         : find_text_time (event->text ? event->text : "");
      info->seen = infer_child_seen (info->lower_main, (const char * const *)subject_terms,
                                     (const char * const *)other_terms);
      event->child_seen_said = event->child_seen >= 0 ? event->child_seen : info->seen;
      explanation_of (info->lower_main, &info->mechanisms, &info->objects);
      presence_of (info->lower_main, person_list, &info->presence, &info->alone_with);

      classify (event, review, info->lower);
      g_clear_pointer (&event->people, g_ptr_array_unref);
      if (family != NULL && family->people->len > 0)
        event->people = cg_mention_finder_find (finder, info->all_text);
      event->cluster_id = 0;
      event->n_flags = 0;

      /* Exact repeats of one agency's record (pasted twice, exported twice,
       * perhaps with other spacing or capitals): the first copy stands for all. */
      identity = _cg_event_identity (event);
      if (!g_hash_table_contains (first_copy, identity))
        g_hash_table_insert (first_copy, g_steal_pointer (&identity), GUINT_TO_POINTER (i));
      {
        g_autofree char *key = duplicate_key (event);

        if (g_hash_table_lookup_extended (copies, key, NULL, &found))
          info->representative = GPOINTER_TO_UINT (found);
        else
          {
            info->representative = i;
            g_hash_table_insert (copies, g_steal_pointer (&key), GUINT_TO_POINTER (i));
          }
      }
      info->agency_names = agency_names;
      info->agency_kinds = agency_kinds;
      info->set = i;
      info->set_size = 1;
      info->set_agencies = G_GUINT64_CONSTANT (1) << (info->agency % 64);
      info->set_start = event->date.start;
      info->set_end = event->date.end;
    }

  by_agency = g_new0 (GPtrArray *, MAX (agencies->len, 1));
  for (guint k = 0; k < agencies->len; k++)
    by_agency[k] = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (by_agency[infos[i].agency], &infos[i]);

  /* Candidate pairs: a window of a few days either side on the sorted dates.
   * G_MESSAGES_DEBUG=cg-analysis shows every pair's score. */
  {
    gboolean debug_pairs = !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN);
    guint window_start = 0;

    for (guint i = 0; i < n; i++)
      {
        Info *a = &infos[i];

        if (!clusterable (a->event) || a->representative != i)
          continue;
        while (window_start < i &&
               infos[window_start].event->date.end + MEETING_GAP_DAYS < a->event->date.start)
          window_start++;
        for (guint j = window_start; j < i; j++)
          {
            Info *b = &infos[j];
            Link link;

            if (b->agency == a->agency || b->representative != j || !clusterable (b->event))
              continue;
            if (gap_days (a->event, b->event) > MEETING_GAP_DAYS)
              continue;
            if (decisions && pair_in (decisions->separate, a, b))
              continue;
            link.a = j;
            link.b = i;
            link.score = decisions && pair_in (decisions->join, a, b) ? G_MAXINT
                                                                      : score_pair (a, b);
            if (debug_pairs && link.score > G_MININT)
              g_debug ("%s:%u + %s:%u: %d", a->event->file_name, a->event->row,
                       b->event->file_name, b->event->row, link.score);
            if (link.score >= LINK_THRESHOLD)
              g_array_append_val (links, link);
          }
      }
  }

  /* The author's joins first, whatever the rules say. */
  if (decisions != NULL && decisions->join != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, decisions->join);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          g_auto(GStrv) pair = g_strsplit (key, CG_PAIR_SEPARATOR, 2);
          gpointer a, b;

          if (g_strv_length (pair) == 2 &&
              g_hash_table_lookup_extended (first_copy, pair[0], NULL, &a) &&
              g_hash_table_lookup_extended (first_copy, pair[1], NULL, &b))
            join_sets (infos, GPOINTER_TO_UINT (a), GPOINTER_TO_UINT (b), TRUE);
        }
    }

  g_array_sort (links, compare_links);
  for (guint l = 0; l < links->len; l++)
    {
      Link *link = &g_array_index (links, Link, l);
      join_sets (infos, link->a, link->b, link->score == G_MAXINT);
    }

  /* Clusters: sets of two or more, with every exact copy of their records. */
  {
    g_autoptr(GHashTable) clusters = g_hash_table_new (NULL, NULL);

    for (guint i = 0; i < n; i++)
      {
        guint root = find_set (infos, infos[i].representative);
        CgCluster *cluster;

        if (infos[root].set_size < 2)
          continue;
        cluster = g_hash_table_lookup (clusters, GUINT_TO_POINTER (root));
        if (cluster == NULL)
          {
            cluster = g_new0 (CgCluster, 1);
            cluster->kind = CG_CLUSTER_SAME_OCCURRENCE;
            cluster->events = g_ptr_array_new ();
            g_hash_table_insert (clusters, GUINT_TO_POINTER (root), cluster);
            g_ptr_array_add (analysis->clusters, cluster);
          }
        g_ptr_array_add (cluster->events, infos[i].event);
      }

    /* Exact repeats: their own duplicate_record cluster. */
    for (guint i = 0; i < n; i++)
      {
        CgCluster *cluster = NULL;

        if (infos[i].representative != i)
          continue;
        for (guint j = i + 1; j < n && infos[j].event->date.start == infos[i].event->date.start; j++)
          if (infos[j].representative == i)
            {
              if (cluster == NULL)
                {
                  cluster = g_new0 (CgCluster, 1);
                  cluster->kind = CG_CLUSTER_DUPLICATE_RECORD;
                  cluster->events = g_ptr_array_new ();
                  g_ptr_array_add (cluster->events, infos[i].event);
                  g_ptr_array_add (analysis->clusters, cluster);
                }
              g_ptr_array_add (cluster->events, infos[j].event);
            }
      }
  }

  for (guint c = 0; c < analysis->clusters->len; c++)
    {
      CgCluster *cluster = g_ptr_array_index (analysis->clusters, c);

      cluster->id = next_cluster++;
      for (guint i = 0; i < cluster->events->len; i++)
        {
          CgEvent *event = g_ptr_array_index (cluster->events, i);

          /* an event shows its same-occurrence cluster first */
          if (event->cluster_id == 0 || cluster->kind == CG_CLUSTER_SAME_OCCURRENCE)
            event->cluster_id = cluster->id;
        }
      if (decisions != NULL && decisions->confirmed != NULL)
        {
          g_autofree char *key = _cg_cluster_key (cluster);
          if (g_hash_table_contains (decisions->confirmed, key))
            cluster->decision = CG_DECISION_CONFIRMED;
        }
      find_conflicts (analysis, cluster, infos, index_of);
    }

  find_missing_counterparts (analysis, infos, n, agencies, agency_kinds, by_agency);
  find_sequence_and_scope (analysis);
  find_silences (analysis, agencies, by_agency);

  for (guint i = 0; i < analysis->discrepancies->len; i++)
    {
      CgDiscrepancy *d = g_ptr_array_index (analysis->discrepancies, i);
      const CgFlagDecision *decision = decisions && decisions->flags
                                       ? g_hash_table_lookup (decisions->flags, d->key) : NULL;

      d->id = next_flag++;
      if (decision != NULL)
        {
          d->status = decision->status;
          d->note = g_strdup (decision->note);
        }
      if (d->status == CG_FLAG_OPEN)
        for (guint k = 0; k < d->events->len; k++)
          ((CgEvent *)g_ptr_array_index (d->events, k))->n_flags++;
    }

  for (guint k = 0; k < agencies->len; k++)
    g_ptr_array_unref (by_agency[k]);
  g_free (by_agency);
  for (guint i = 0; i < n; i++)
    info_clear (&infos[i]);
  g_free (infos);
  return analysis;
}

CgAnalysis *
cg_analysis_run (CgReview  *review,
                 GPtrArray *events,
                 CgFamily  *family)
{
  return _cg_analysis_run_with (review, events, family, NULL);
}

char *
_cg_pair_key (const char *a,
              const char *b)
{
  return g_strcmp0 (a, b) < 0 ? g_strconcat (a, CG_PAIR_SEPARATOR, b, NULL)
                              : g_strconcat (b, CG_PAIR_SEPARATOR, a, NULL);
}

char *
_cg_cluster_key (CgCluster *cluster)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < cluster->events->len; i++)
    g_ptr_array_add (ids, _cg_event_identity (g_ptr_array_index (cluster->events, i)));
  g_ptr_array_sort (ids, compare_strings);
  for (guint i = 0; i < ids->len; i++)
    {
      if (i > 0)
        g_string_append_c (key, ';');
      g_string_append (key, g_ptr_array_index (ids, i));
    }
  return g_string_free (key, FALSE);
}

/* --------------------------------------------------------------- summary */

int
cg_analysis_child_seen (CgAnalysis *analysis,
                        CgEvent    *event)
{
  g_auto(GStrv) subject_terms = NULL;
  g_auto(GStrv) other_terms = NULL;
  g_autofree char *main_text = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (analysis != NULL && CG_IS_EVENT (event), -1);

  if (event->child_seen >= 0)
    return event->child_seen;
  if (event->child_seen_said != -2)
    return event->child_seen_said;
  people_terms (analysis->family, analysis->review->subject, &subject_terms, &other_terms);
  main_text = g_strjoin (" ", event->type ? event->type : "", event->text ? event->text : "", NULL);
  lower = g_ascii_strdown (main_text, -1);
  event->child_seen_said = infer_child_seen (lower, (const char * const *)subject_terms,
                                             (const char * const *)other_terms);
  return event->child_seen_said;
}

/* Works out, once and off the main thread, what each record says about
 * seeing the subject child, so that views and summaries only read it. */
void
_cg_analysis_note_child_seen (CgAnalysis *analysis)
{
  g_auto(GStrv) subject_terms = NULL;
  g_auto(GStrv) other_terms = NULL;

  people_terms (analysis->family, analysis->review->subject, &subject_terms, &other_terms);
  for (guint i = 0; i < analysis->events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (analysis->events, i);
      g_autofree char *main_text = NULL;
      g_autofree char *lower = NULL;

      if (event->child_seen >= 0)
        {
          event->child_seen_said = event->child_seen;
          continue;
        }
      main_text = g_strjoin (" ", event->type ? event->type : "",
                             event->text ? event->text : "", NULL);
      lower = g_ascii_strdown (main_text, -1);
      event->child_seen_said = infer_child_seen (lower, (const char * const *)subject_terms,
                                                 (const char * const *)other_terms);
    }
}

static void
agency_summary_free (CgAgencySummary *summary)
{
  g_free (summary->agency);
  g_free (summary);
}

void
cg_summary_free (CgSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->agencies, g_ptr_array_unref);
  g_free (summary);
}

CgSummary *
cg_analysis_summarise (CgAnalysis *analysis)
{
  CgSummary *summary = g_new0 (CgSummary, 1);
  g_autoptr(GHashTable) by_agency = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) clustered = g_hash_table_new (NULL, NULL);
  g_auto(GStrv) subject_terms = NULL;
  g_auto(GStrv) other_terms = NULL;

  g_return_val_if_fail (analysis != NULL, NULL);

  summary->agencies = g_ptr_array_new_with_free_func ((GDestroyNotify)agency_summary_free);
  people_terms (analysis->family, analysis->review->subject, &subject_terms, &other_terms);

  for (guint i = 0; i < analysis->clusters->len; i++)
    {
      CgCluster *cluster = g_ptr_array_index (analysis->clusters, i);

      if (cluster->kind == CG_CLUSTER_DUPLICATE_RECORD)
        {
          summary->duplicates++;
          continue;
        }
      summary->clusters++;
      for (guint k = 0; k < cluster->events->len; k++)
        g_hash_table_add (clustered, g_ptr_array_index (cluster->events, k));
    }

  for (guint i = 0; i < analysis->events->len; i++)
    {
      CgEvent *event = g_ptr_array_index (analysis->events, i);
      CgAgencySummary *agency = g_hash_table_lookup (by_agency, event->agency);
      int seen = event->child_seen;

      if (agency == NULL)
        {
          agency = g_new0 (CgAgencySummary, 1);
          agency->agency = g_strdup (event->agency);
          g_hash_table_insert (by_agency, agency->agency, agency);
          g_ptr_array_add (summary->agencies, agency);
        }
      summary->records++;
      agency->records++;
      if (event->date.start == 0)
        summary->undated++;
      if (g_hash_table_contains (clustered, event))
        agency->clustered++;
      if (event->n_flags > 0)
        agency->open_flags++;
      if (event->recording == CG_RECORDING_RETROSPECTIVE)
        agency->retrospective++;
      else if (event->recording == CG_RECORDING_CONTEMPORANEOUS)
        agency->contemporaneous++;
      if (seen < 0 && event->child_seen_said != -2)
        seen = event->child_seen_said;
      else if (seen < 0)
        {
          g_autofree char *main_text = g_strjoin (" ", event->type ? event->type : "",
                                                  event->text ? event->text : "", NULL);
          g_autofree char *lower = g_ascii_strdown (main_text, -1);

          seen = event->child_seen_said =
            infer_child_seen (lower, (const char * const *)subject_terms,
                              (const char * const *)other_terms);
        }
      if (seen == 1)
        agency->child_seen++;
      else if (seen == 0)
        agency->child_not_seen++;
    }

  for (guint i = 0; i < analysis->discrepancies->len; i++)
    {
      CgDiscrepancy *d = g_ptr_array_index (analysis->discrepancies, i);

      if (d->status != CG_FLAG_OPEN)
        continue;
      summary->open_flags++;
      summary->open_by_kind[d->kind]++;
    }
  return summary;
}
