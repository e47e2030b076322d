/* cg-anonymiser.c: replacing names by role labels, and finding what still identifies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-anonymiser"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-anonymiser.h"

/* Jaro-Winkler similarity from which a capitalised word of five letters or
 * more is reported as a possible misspelling of a name (ICO practice). */
#define CG_NEAR_NAME_SIMILARITY 0.92
#define CG_NEAR_NAME_MIN_CHARS  5
/* Words longer than this are not looked up: no name is that long. */
#define CG_MAX_WORD_BYTES       192

typedef struct
{
  gunichar *folded;          /* case- and accent-folded; white space as one ' ' */
  guint     len;
  char     *text;            /* as given */
  char     *replacement;
  guint     capitalised_only : 1;
  guint     identifying : 1;
} Term;

struct _CgAnonymiser
{
  GPtrArray  *terms;         /* Term */
  GHashTable *index;         /* folded first word -> GPtrArray of Term, longest first */
  gboolean    index_sorted;
  GHashTable *allowed;       /* folded words never reported as names */
  GHashTable *lower_words;   /* folded words seen written in lower case */
  GArray     *birth_days;    /* guint32: birth dates known to the day */
  GRegex     *postcode;
  GRegex     *nhs;
  GRegex     *phone;
  GRegex     *email;
};

/* Names that are also everyday words: replaced only when written with a
 * capital, so "she will" stays but "Will's" does not. */
static const char * const common_word_names[] = {
  "amber", "april", "august", "autumn", "bill", "bob", "brook", "clay", "dawn", "dean", "destiny",
  "eve", "faith", "frank", "grace", "guy", "hope", "honey", "holly", "iris", "ivy", "jack", "jade",
  "joy", "june", "mark", "may", "miles", "pat", "patience", "pearl", "penny", "poppy", "rich",
  "river", "robin", "rose", "ruby", "sky", "skye", "storm", "summer", "sunny", "violet", "will",
  "winter", "wren",
};

/* Titles before a family name: "Mr Walsh" is one person. */
static const char * const titles[] = { "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr" };

/* Words of a practitioner cell that say the role rather than the person. */
static const char * const role_words[] = {
  "a&e", "acting", "admin", "administrator", "adviser", "advisor", "agency", "allocated", "and",
  "anp", "assessment", "assistant", "call", "camhs", "care", "caseworker", "centre", "charge",
  "child", "children", "children's", "clerk", "clinic", "clinical", "clinician", "community",
  "constable", "consultant", "coordinator", "co-ordinator", "counsellor", "crew", "day", "dc",
  "deputy", "designated", "detective", "di", "doctor", "dr", "ds", "dsl", "duty", "early", "ed",
  "edt", "emergency", "family", "first", "fo", "gp", "hca", "head", "headteacher", "health",
  "help", "hours", "housing", "hv", "idva", "in", "inspector", "isva", "junior", "key",
  "keyworker", "lead", "manager", "marac", "mash", "matron", "medical", "mental", "midwife",
  "named", "night", "nurse", "nursery", "of", "officer", "on", "operator", "out", "paediatric",
  "paediatrician", "paramedic", "pastoral", "pc", "pcso", "police", "practice", "practitioner",
  "principal", "probation", "psychiatrist", "psychologist", "reception", "receptionist",
  "registrar", "rgn", "rn", "safeguarding", "school", "senior", "service", "services", "sgt",
  "sister", "social", "specialist", "staff", "student", "supervisor", "support", "sw", "teacher",
  "team", "technician", "the", "therapist", "visitor", "ward", "work", "worker", "youth",
};

/* Capitalised words that are not names, beyond those the chronology itself
 * writes in lower case somewhere. */
static const char * const ordinary_words[] = {
  "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "attended",
  "be", "before", "but", "by", "can", "case", "child", "children", "could", "did", "do", "does",
  "during", "each", "for", "from", "had", "has", "have", "he", "her", "here", "him", "his",
  "how", "i", "if", "in", "into", "is", "it", "its", "last", "may", "more", "mr", "mrs", "ms",
  "miss", "dr", "new", "next", "no", "not", "note", "of", "on", "one", "or", "other", "our",
  "over", "per", "plan", "please", "re", "she", "so", "some", "that", "the", "their", "them",
  "then", "there", "these", "they", "this", "those", "to", "today", "two", "under", "until",
  "up", "was", "we", "were", "what", "when", "where", "which", "while", "who", "will", "with",
  "within", "without", "yes", "you", "your",
  /* calendar */
  "january", "february", "march", "april", "june", "july", "august", "september",
  "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
  "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
  "saturday", "sunday", "spring", "summer", "autumn", "winter", "term", "christmas", "easter",
  "bank", "holiday",
  /* the domain */
  "agency", "ambulance", "assessment", "attendance", "care", "centre", "child", "clinic",
  "conference", "council", "court", "crown", "department", "district", "emergency",
  "england", "english", "family", "gp", "health", "hospital", "house", "housing", "local",
  "mental", "midwifery", "national", "nhs", "nursery", "partnership", "police", "practice",
  "primary", "protection", "referral", "safeguarding", "school", "secondary", "section",
  "service", "services", "social", "strategy", "trust", "visiting", "visitor", "wales",
  "scotland", "ireland", "britain", "british", "uk", "unit", "ward", "work", "worker", "youth",
  "dash", "ppn", "marac", "mash", "edt", "dna", "was", "not", "brought",
};

static void
term_free (Term *term)
{
  g_free (term->folded);
  g_free (term->text);
  g_free (term->replacement);
  g_free (term);
}

void
cg_finding_free (CgFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->text);
  g_free (finding->where);
  g_free (finding);
}

const char *
cg_identifier_kind_get_label (CgIdentifierKind kind)
{
  switch (kind)
    {
    case CG_IDENTIFIER_NAME:         return _("a name from the people register");
    case CG_IDENTIFIER_UNKNOWN_NAME: return _("a capitalised word that may be a name");
    case CG_IDENTIFIER_POSTCODE:     return _("a UK postcode");
    case CG_IDENTIFIER_NHS_NUMBER:   return _("an NHS number");
    case CG_IDENTIFIER_PHONE:        return _("a telephone number");
    case CG_IDENTIFIER_EMAIL:        return _("an e-mail address");
    case CG_IDENTIFIER_BIRTH_DATE:   return _("a date of birth");
    case CG_N_IDENTIFIER_KINDS:
    default:                         return _("something identifying");
    }
}

/* ----------------------------------------------------------- folding text */

static gunichar
fold_char (gunichar c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

  switch (c)
    {
    case 0x2018: case 0x2019: case 0x02BC: case 0x0060: case 0x00B4:
      return '\'';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013:
      return '-';
    default:
      break;
    }
  if (g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 0)
    c = decomposed[0];
  return g_unichar_tolower (c);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* The folded characters of @text, runs of white space as one ' '. */
static gunichar *
fold_text (const char *text,
           guint      *len)
{
  GArray *chars = g_array_new (TRUE, FALSE, sizeof (gunichar));
  gboolean space = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = chars->len > 0;
          continue;
        }
      if (space)
        {
          gunichar blank = ' ';
          g_array_append_val (chars, blank);
          space = FALSE;
        }
      c = fold_char (c);
      g_array_append_val (chars, c);
    }
  *len = chars->len;
  return (gunichar *)(void *)g_array_free (chars, FALSE);
}

/* The folded word starting at @p, as UTF-8 in @buf; FALSE when too long. */
static gboolean
folded_word_at (const char  *p,
                char        *buf,
                gsize        size,
                const char **end)
{
  gsize n = 0;

  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      char utf8[6];
      int k;

      if (!is_word_char (c))
        break;
      k = g_unichar_to_utf8 (fold_char (c), utf8);
      if (n + k + 1 > size)
        return FALSE;
      memcpy (buf + n, utf8, k);
      n += k;
      p = g_utf8_next_char (p);
    }
  buf[n] = '\0';
  if (end)
    *end = p;
  return n > 0;
}

static char *
folded_first_word (const gunichar *folded,
                   guint           len)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < len && is_word_char (folded[i]); i++)
    g_string_append_unichar (key, folded[i]);
  return g_string_free (key, FALSE);
}

static char *
fold_word (const char *word)
{
  guint len = 0;
  g_autofree gunichar *folded = fold_text (word, &len);

  return g_ucs4_to_utf8 (folded, len, NULL, NULL, NULL);
}

/* ------------------------------------------------------------- the terms */

CgAnonymiser *
cg_anonymiser_new (void)
{
  CgAnonymiser *self = g_new0 (CgAnonymiser, 1);

  self->terms = g_ptr_array_new_with_free_func ((GDestroyNotify)term_free);
  self->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify)g_ptr_array_unref);
  self->allowed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->lower_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->birth_days = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < G_N_ELEMENTS (ordinary_words); i++)
    g_hash_table_add (self->allowed, g_strdup (ordinary_words[i]));
  for (guint i = 0; i < G_N_ELEMENTS (role_words); i++)
    g_hash_table_add (self->allowed, g_strdup (role_words[i]));

  /* Outward code, then the inward code (whose letters never include C I K M O V). */
  self->postcode = g_regex_new ("(?<![A-Za-z0-9])(GIR "
                                "?0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKMNPR-Y]?"
                                " ?[0-9][ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])",
                                G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  self->nhs = g_regex_new ("(?<![0-9])[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}(?![0-9])",
                           G_REGEX_OPTIMIZE, 0, NULL);
  self->phone = g_regex_new ("(?<![0-9+])(?:\\+44[ -]?(?:\\(0\\)[ -]?)?|\\(?0)[0-9][0-9 "
                             "()-]{7,14}[0-9]"
                             "(?![0-9])", G_REGEX_OPTIMIZE, 0, NULL);
  self->email = g_regex_new ("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}",
                             G_REGEX_OPTIMIZE, 0, NULL);
  g_assert (self->postcode && self->nhs && self->phone && self->email);
  return self;
}

void
cg_anonymiser_free (CgAnonymiser *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->index);
  g_ptr_array_unref (self->terms);
  g_hash_table_unref (self->allowed);
  g_hash_table_unref (self->lower_words);
  g_array_unref (self->birth_days);
  g_regex_unref (self->postcode);
  g_regex_unref (self->nhs);
  g_regex_unref (self->phone);
  g_regex_unref (self->email);
  g_free (self);
}

static gboolean
is_common_word_name (const char *folded)
{
  for (guint i = 0; i < G_N_ELEMENTS (common_word_names); i++)
    if (g_str_equal (folded, common_word_names[i]))
      return TRUE;
  return FALSE;
}

static Term *
find_term (CgAnonymiser   *self,
           const gunichar *folded,
           guint           len)
{
  g_autofree char *key = folded_first_word (folded, len);
  GPtrArray *candidates = g_hash_table_lookup (self->index, key);

  for (guint i = 0; candidates && i < candidates->len; i++)
    {
      Term *term = g_ptr_array_index (candidates, i);

      if (term->len == len && memcmp (term->folded, folded, len * sizeof (gunichar)) == 0)
        return term;
    }
  return NULL;
}

void
cg_anonymiser_add_term (CgAnonymiser *self,
                        const char   *text,
                        const char   *replacement,
                        gboolean      identifying)
{
  g_autofree char *stripped = NULL;
  g_autofree char *key = NULL;
  g_autofree char *word = NULL;
  GPtrArray *candidates;
  Term *term;
  Term *old;

  g_return_if_fail (self != NULL);
  if (text == NULL || replacement == NULL)
    return;
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL)
      || !is_word_char (g_utf8_get_char (stripped)))
    return;

  term = g_new0 (Term, 1);
  term->folded = fold_text (stripped, &term->len);
  term->text = g_steal_pointer (&stripped);
  term->replacement = g_strdup (replacement);
  term->identifying = identifying;
  word = g_ucs4_to_utf8 (term->folded, term->len, NULL, NULL, NULL);
  term->capitalised_only = word != NULL && is_common_word_name (word);

  if ((old = find_term (self, term->folded, term->len)) != NULL)
    {
      old->identifying |= term->identifying;
      term_free (term);
      return;
    }

  key = folded_first_word (term->folded, term->len);
  candidates = g_hash_table_lookup (self->index, key);
  if (candidates == NULL)
    {
      candidates = g_ptr_array_new ();
      g_hash_table_insert (self->index, g_steal_pointer (&key), candidates);
    }
  g_ptr_array_add (candidates, term);
  g_ptr_array_add (self->terms, term);
  self->index_sorted = FALSE;
}

static int
compare_longest_first (gconstpointer a,
                       gconstpointer b)
{
  const Term *ta = *(Term * const *)a;
  const Term *tb = *(Term * const *)b;

  return (int)tb->len - (int)ta->len;
}

static void
sort_index (CgAnonymiser *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self->index_sorted)
    return;
  g_hash_table_iter_init (&iter, self->index);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_sort (value, compare_longest_first);
  self->index_sorted = TRUE;
}

static void
allow_words (CgAnonymiser *self,
             const char   *text)
{
  const char *p = text;

  while (p && *p)
    {
      char word[CG_MAX_WORD_BYTES];
      const char *end = NULL;

      if (is_word_char (g_utf8_get_char (p)) && folded_word_at (p, word, sizeof word, &end))
        {
          g_hash_table_add (self->allowed, g_strdup (word));
          p = end;
        }
      else
        {
          p = g_utf8_next_char (p);
        }
    }
}

void
cg_anonymiser_allow_words (CgAnonymiser *self,
                           const char   *text)
{
  g_return_if_fail (self != NULL);
  if (text != NULL && g_utf8_validate (text, -1, NULL))
    allow_words (self, text);
}

void
cg_anonymiser_learn_words (CgAnonymiser *self,
                           const char   *text)
{
  const char *p = text;

  g_return_if_fail (self != NULL);
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return;
  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      char word[CG_MAX_WORD_BYTES];
      const char *end = NULL;

      if (!is_word_char (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      if (!folded_word_at (p, word, sizeof word, &end))
        {
          while (*p && is_word_char (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          continue;
        }
      if (g_unichar_islower (c))
        g_hash_table_add (self->lower_words, g_strdup (word));
      p = end;
    }
}

/* ------------------------------------------------------------ the family */

typedef struct
{
  char   *text;       /* as written */
  guint   person;     /* the first person whose name has it */
  guint   n_people;
  gboolean last;      /* the last part of a name: a family name */
} NamePart;

static void
name_part_free (NamePart *part)
{
  g_free (part->text);
  g_free (part);
}

static gboolean
is_title (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_ascii_strcasecmp (word, titles[i]) == 0)
      return TRUE;
  return FALSE;
}

static char *
person_label (CgPerson *person,
              guint     index)
{
  if (person->label != NULL && *person->label != '\0')
    return g_strdup (person->label);
  return g_strdup_printf (_("Person %u"), index + 1);
}

void
cg_anonymiser_add_family (CgAnonymiser *self,
                          CgFamily     *family)
{
  g_autoptr(GHashTable) parts = NULL;
  g_autoptr(GPtrArray) order = NULL;
  guint n_shared_family_names = 0;
  guint shared_family_name = 0;

  g_return_if_fail (self != NULL);
  if (family == NULL)
    return;

  parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)name_part_free);
  order = g_ptr_array_new ();

  /* Whole names and aliases first: they win over the parts. */
  for (guint i = 0; i < family->people->len; i++)
    {
      CgPerson *person = g_ptr_array_index (family->people, i);
      g_autofree char *label = person_label (person, i);
      guint32 first = 0, last = 0;

      cg_anonymiser_add_term (self, person->name, label, TRUE);
      for (guint k = 0; person->aliases && person->aliases[k]; k++)
        cg_anonymiser_add_term (self, person->aliases[k], label, TRUE);
      cg_anonymiser_allow_words (self, label);
      if (person->born && cg_family_date_range (person->born, &first, &last) && first == last)
        g_array_append_val (self->birth_days, first);
    }

  for (guint i = 0; i < family->people->len; i++)
    {
      CgPerson *person = g_ptr_array_index (family->people, i);
      g_auto(GStrv) words = g_regex_split_simple ("\\s+", person->name ? person->name : "", 0, 0);
      guint n_words = g_strv_length (words);

      for (guint k = 0; k < n_words; k++)
        {
          g_autofree char *word = g_strdup (words[k]);
          g_autofree char *folded = NULL;
          NamePart *part;

          g_strdelimit (word, ",()", ' ');
          g_strstrip (word);
          if (g_utf8_strlen (word, -1) < 2 || is_title (word))
            continue;
          folded = fold_word (word);
          part = g_hash_table_lookup (parts, folded);
          if (part == NULL)
            {
              part = g_new0 (NamePart, 1);
              part->text = g_strdup (word);
              part->person = i;
              g_hash_table_insert (parts, g_steal_pointer (&folded), part);
              g_ptr_array_add (order, part);
            }
          if (part->person != i || part->n_people == 0)
            part->n_people++;
          part->last |= (k == n_words - 1 && n_words > 1);
        }
    }

  for (guint i = 0; i < order->len; i++)
    {
      NamePart *part = g_ptr_array_index (order, i);

      if (part->n_people > 1 && part->last)
        n_shared_family_names++;
    }

  for (guint i = 0; i < order->len; i++)
    {
      NamePart *part = g_ptr_array_index (order, i);
      CgPerson *person = g_ptr_array_index (family->people, part->person);
      g_autofree char *label = person_label (person, part->person);

      if (part->n_people == 1)
        {
          cg_anonymiser_add_term (self, part->text, label, TRUE);
          if (part->last)
            for (guint t = 0; t < G_N_ELEMENTS (titles); t++)
              {
                g_autofree char *titled = g_strdup_printf ("%s %s", titles[t], part->text);
                cg_anonymiser_add_term (self, titled, label, TRUE);
              }
        }
      else if (part->last)
        {
          g_autofree char *placeholder = NULL;

          if (n_shared_family_names > 1)
            placeholder = g_strdup_printf (_("[family name %u]"), ++shared_family_name);
          else
            placeholder = g_strdup (_("[family name]"));
          cg_anonymiser_add_term (self, part->text, placeholder, TRUE);
        }
      else
        {
          cg_anonymiser_add_term (self, part->text, _("[name]"), TRUE);
        }
    }
  cg_anonymiser_allow_words (self, _("family name"));
}

void
cg_anonymiser_add_glossary (CgAnonymiser     *self,
                            const CgGlossary *glossary)
{
  g_return_if_fail (self != NULL);
  if (glossary == NULL)
    return;
  for (guint i = 0; i < glossary->entries->len; i++)
    {
      CgGlossaryEntry *entry = g_ptr_array_index (glossary->entries, i);

      cg_anonymiser_add_term (self, entry->term, entry->placeholder, TRUE);
      for (guint k = 0; entry->variants[k]; k++)
        cg_anonymiser_add_term (self, entry->variants[k], entry->placeholder, TRUE);
      cg_anonymiser_allow_words (self, entry->placeholder);
    }
}

/* -------------------------------------------------------- practitioners */

static gboolean
is_role_word (const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  gsize len = strlen (word);
  gboolean upper = len >= 2 && len <= 6;

  for (guint i = 0; i < G_N_ELEMENTS (role_words); i++)
    if (g_str_equal (lower, role_words[i]))
      return TRUE;
  /* Acronyms: HV, SW, EDT, CAMHS. */
  for (const char *p = word; upper && *p; p++)
    if (!g_ascii_isupper (*p) && *p != '&')
      upper = FALSE;
  return upper;
}

typedef struct
{
  char      *text;
  GPtrArray *role;        /* char*: role words, as written */
  GPtrArray *personal;    /* char*: names and identifying numbers */
  gboolean   ordinal;     /* has a small number already: "GP 1" */
} Practitioner;

static void
practitioner_free (Practitioner *p)
{
  g_free (p->text);
  g_ptr_array_unref (p->role);
  g_ptr_array_unref (p->personal);
  g_free (p);
}

static Practitioner *
practitioner_parse (const char *text)
{
  Practitioner *p = g_new0 (Practitioner, 1);
  g_auto(GStrv) words = g_regex_split_simple ("[\\s,;:/()\\[\\]]+", text, 0, 0);

  p->text = g_strstrip (g_strdup (text));
  p->role = g_ptr_array_new_with_free_func (g_free);
  p->personal = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; words[i]; i++)
    {
      const char *word = words[i];
      gsize len = strlen (word);
      gboolean digits = len > 0 && strspn (word, "0123456789") == len;

      if (len == 0 || g_str_equal (word, "-") || g_str_equal (word, "&"))
        continue;
      if (digits && len <= 2)
        p->ordinal = TRUE;
      else if (is_title (word) && g_ascii_strcasecmp (word, "Dr") != 0)
        continue;
      else if (!digits && is_role_word (word))
        g_ptr_array_add (p->role, g_strdup (word));
      else if (digits || g_utf8_strlen (word, -1) >= 2)
        g_ptr_array_add (p->personal, g_strdup (word));
    }
  return p;
}

void
cg_anonymiser_add_practitioners (CgAnonymiser *self,
                                 GPtrArray    *practitioners)
{
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify)practitioner_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) labels_in_use = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                               g_free, NULL);
  g_autoptr(GHashTable) next_number = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_if_fail (self != NULL);
  if (practitioners == NULL)
    return;

  /* Cells that name nobody ("GP 1", "Duty SW 2") stay as they are, so a new
   * label must not take one of their names. */
  for (guint i = 0; i < practitioners->len; i++)
    {
      const char *text = g_ptr_array_index (practitioners, i);
      Practitioner *p;

      if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL)
          || g_hash_table_contains (seen, text))
        continue;
      g_hash_table_add (seen, (gpointer)text);
      p = practitioner_parse (text);
      cg_anonymiser_allow_words (self, text);
      if (p->personal->len == 0)
        {
          g_hash_table_add (labels_in_use, g_utf8_casefold (p->text, -1));
          practitioner_free (p);
          continue;
        }
      g_ptr_array_add (parsed, p);
    }

  for (guint i = 0; i < parsed->len; i++)
    {
      Practitioner *p = g_ptr_array_index (parsed, i);
      g_autofree char *role = NULL;
      g_autofree char *label = NULL;
      g_autofree char *role_key = NULL;
      guint n;

      g_ptr_array_add (p->role, NULL);
      role = p->role->len > 1 ? g_strjoinv (" ", (char **)p->role->pdata)
                              : g_strdup (_("Practitioner"));
      g_ptr_array_remove_index (p->role, p->role->len - 1);
      role_key = g_utf8_casefold (role, -1);
      n = GPOINTER_TO_UINT (g_hash_table_lookup (next_number, role_key));
      do
        {
          g_autofree char *folded = NULL;

          g_free (label);
          label = g_strdup_printf ("%s %u", role, ++n);
          folded = g_utf8_casefold (label, -1);
          if (!g_hash_table_contains (labels_in_use, folded))
            {
              g_hash_table_add (labels_in_use, g_steal_pointer (&folded));
              break;
            }
        }
      while (TRUE);
      g_hash_table_insert (next_number, g_steal_pointer (&role_key), GUINT_TO_POINTER (n));

      cg_anonymiser_add_term (self, p->text, label, TRUE);
      /* "PC 4471" in the text of a record, as well as in the cell. */
      if (p->role->len > 0)
        {
          const char *last_role = g_ptr_array_index (p->role, p->role->len - 1);
          g_autofree char *personal = NULL;
          g_autofree char *with_role = NULL;

          g_ptr_array_add (p->personal, NULL);
          personal = g_strjoinv (" ", (char **)p->personal->pdata);
          g_ptr_array_remove_index (p->personal, p->personal->len - 1);
          with_role = g_strdup_printf ("%s %s", last_role, personal);
          cg_anonymiser_add_term (self, with_role, label, TRUE);
          cg_anonymiser_add_term (self, personal, label, TRUE);
        }
      for (guint k = 0; k < p->personal->len; k++)
        cg_anonymiser_add_term (self, g_ptr_array_index (p->personal, k), label, TRUE);
    }
}

/* ------------------------------------------------------------- matching */

/* The end of @term matched at @p (a word start), or NULL. */
static const char *
match_term (const Term *term,
            const char *p)
{
  const char *q = p;

  if (term->capitalised_only && !g_unichar_isupper (g_utf8_get_char (p)))
    return NULL;
  for (guint i = 0; i < term->len; i++)
    {
      gunichar c;

      if (*q == '\0')
        return NULL;
      c = g_utf8_get_char (q);
      if (term->folded[i] == ' ')
        {
          if (!g_unichar_isspace (c))
            return NULL;
          while (*q && g_unichar_isspace (g_utf8_get_char (q)))
            q = g_utf8_next_char (q);
          continue;
        }
      if (fold_char (c) != term->folded[i])
        return NULL;
      q = g_utf8_next_char (q);
    }
  if (*q != '\0' && is_word_char (g_utf8_get_char (q)))
    return NULL;
  return q;
}

/* The longest term that starts at @p (a word start), and where it ends. */
static const Term *
term_at (CgAnonymiser *self,
         const char   *p,
         gboolean      identifying_only,
         const char  **end)
{
  char word[CG_MAX_WORD_BYTES];
  GPtrArray *candidates;

  if (!folded_word_at (p, word, sizeof word, NULL))
    return NULL;
  candidates = g_hash_table_lookup (self->index, word);
  for (guint i = 0; candidates && i < candidates->len; i++)
    {
      const Term *term = g_ptr_array_index (candidates, i);

      if (identifying_only && !term->identifying)
        continue;
      if ((*end = match_term (term, p)) != NULL)
        return term;
    }
  return NULL;
}

char *
cg_anonymiser_apply (CgAnonymiser *self,
                     const char   *text)
{
  GString *out;
  gboolean after_word = FALSE;
  const char *p;

  g_return_val_if_fail (self != NULL, NULL);
  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    return g_utf8_make_valid (text, -1);
  if (self->terms->len == 0)
    return g_strdup (text);
  sort_index (self);

  out = g_string_sized_new (strlen (text) + 16);
  p = text;
  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      const Term *term;
      const char *end = NULL;

      if (is_word_char (c) && !after_word && (term = term_at (self, p, FALSE, &end)) != NULL)
        {
          g_string_append (out, term->replacement);
          p = end;
          after_word = FALSE;
          continue;
        }
      g_string_append_len (out, p, next - p);
      after_word = is_word_char (c);
      p = next;
    }
  return g_string_free (out, FALSE);
}

char *
cg_anonymiser_find_leak (CgAnonymiser *self,
                         const char   *data,
                         gsize         len)
{
  g_autofree char *valid = NULL;
  gboolean after_word = FALSE;
  const char *p;

  g_return_val_if_fail (self != NULL, NULL);
  if (data == NULL || len == 0 || self->terms->len == 0)
    return NULL;
  sort_index (self);

  /* Binary parts (images, compressed streams) become U+FFFD and match
   * nothing; a NUL byte must not end the text early. */
  {
    g_autofree char *copy = g_memdup2 (data, len);

    for (gsize i = 0; i < len; i++)
      if (copy[i] == '\0')
        copy[i] = ' ';
    valid = g_utf8_make_valid (copy, len);
  }
  p = valid;
  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      const Term *term;
      const char *end = NULL;

      if (is_word_char (c) && !after_word && (term = term_at (self, p, TRUE, &end)) != NULL)
        return g_strdup (term->text);
      after_word = is_word_char (c);
      p = g_utf8_next_char (p);
    }
  return NULL;
}

/* ------------------------------------------------------------ the scan */

static void
add_finding (GPtrArray        *findings,
             CgIdentifierKind  kind,
             const char       *text,
             const char       *where)
{
  CgFinding *finding;

  for (guint i = 0; i < findings->len; i++)
    {
      finding = g_ptr_array_index (findings, i);
      if (finding->kind == kind && g_str_equal (finding->text, text))
        {
          finding->count++;
          return;
        }
    }
  finding = g_new0 (CgFinding, 1);
  finding->kind = kind;
  finding->text = g_strdup (text);
  finding->where = g_strdup (where ? where : "");
  finding->count = 1;
  g_ptr_array_add (findings, finding);
}

gboolean
cg_nhs_number_is_valid (const char *text)
{
  int digits[10];
  guint n = 0;
  int sum = 0;
  int check;

  for (const char *p = text; p && *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (n == 10)
            return FALSE;
          digits[n++] = *p - '0';
        }
      else if (*p != ' ' && *p != '-')
        return FALSE;
    }
  if (n != 10)
    return FALSE;
  for (guint i = 0; i < 9; i++)
    sum += digits[i] * (10 - (int)i);
  check = 11 - sum % 11;
  if (check == 11)
    check = 0;
  /* 10 is never issued */
  return check != 10 && check == digits[9];
}

static gboolean
is_uk_phone (const char *text)
{
  GString *digits = g_string_new (NULL);
  gboolean ok;

  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (text[0] == '+')
    {
      /* +44 (0)161 ...: the country code, then the number without its 0 */
      g_string_erase (digits, 0, 2);
      if (strstr (text, "(0)") != NULL && digits->len > 0 && digits->str[0] == '0')
        g_string_erase (digits, 0, 1);
      g_string_prepend_c (digits, '0');
    }
  ok = (digits->len == 10 || digits->len == 11) && digits->str[0] == '0' && digits->str[1] != '0';
  g_string_free (digits, TRUE);
  return ok;
}

static void
scan_regex (GRegex           *regex,
            const char       *text,
            CgIdentifierKind  kind,
            const char       *where,
            GPtrArray        *findings,
            GArray           *taken)
{
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *found = g_match_info_fetch (match, 0);
      int start = 0, end = 0;
      gboolean report = TRUE;

      g_match_info_fetch_pos (match, 0, &start, &end);
      for (guint i = 0; i + 1 < taken->len; i += 2)
        if (start < g_array_index (taken, int, i + 1) && end > g_array_index (taken, int, i))
          report = FALSE;

      switch (kind)
        {
        case CG_IDENTIFIER_NHS_NUMBER:
          report = report && cg_nhs_number_is_valid (found);
          break;
        case CG_IDENTIFIER_PHONE:
          report = report && is_uk_phone (found);
          break;
        case CG_IDENTIFIER_POSTCODE:
          {
            /* "m1 1ae" written in lower case is as likely to be a postcode as
             * "M1 1AE"; "Ab1 2Cd" is not. */
            g_autofree char *upper = g_ascii_strup (found, -1);
            g_autofree char *lower = g_ascii_strdown (found, -1);

            report = report && (g_str_equal (found, upper) || g_str_equal (found, lower));
          }
          break;
        case CG_IDENTIFIER_NAME:
        case CG_IDENTIFIER_UNKNOWN_NAME:
        case CG_IDENTIFIER_EMAIL:
        case CG_IDENTIFIER_BIRTH_DATE:
        case CG_N_IDENTIFIER_KINDS:
        default:
          break;
        }
      if (report)
        {
          add_finding (findings, kind, found, where);
          g_array_append_val (taken, start);
          g_array_append_val (taken, end);
        }
      g_match_info_next (match, NULL);
    }
}

static double
jaro_winkler (const gunichar *a,
              guint           la,
              const gunichar *b,
              guint           lb)
{
  g_autofree gboolean *ma = NULL;
  g_autofree gboolean *mb = NULL;
  guint window, matches = 0, transpositions = 0, prefix = 0, k = 0;
  double jaro;

  if (la == 0 || lb == 0)
    return 0.0;
  window = MAX (la, lb) / 2;
  window = window > 0 ? window - 1 : 0;
  ma = g_new0 (gboolean, la);
  mb = g_new0 (gboolean, lb);
  for (guint i = 0; i < la; i++)
    {
      guint lo = i > window ? i - window : 0;
      guint hi = MIN (i + window + 1, lb);

      for (guint j = lo; j < hi; j++)
        if (!mb[j] && a[i] == b[j])
          {
            ma[i] = mb[j] = TRUE;
            matches++;
            break;
          }
    }
  if (matches == 0)
    return 0.0;
  for (guint i = 0; i < la; i++)
    if (ma[i])
      {
        while (!mb[k])
          k++;
        if (a[i] != b[k])
          transpositions++;
        k++;
      }
  jaro = ((double)matches / la + (double)matches / lb
          + (matches - transpositions / 2.0) / matches) / 3.0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix])
    prefix++;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

/* An identifying one-word term spelt almost like @word, or NULL. */
static const Term *
near_name (CgAnonymiser   *self,
           const gunichar *word,
           guint           len)
{
  if (len < CG_NEAR_NAME_MIN_CHARS)
    return NULL;
  for (guint i = 0; i < self->terms->len; i++)
    {
      const Term *term = g_ptr_array_index (self->terms, i);
      gboolean one_word = TRUE;

      if (!term->identifying || term->len < CG_NEAR_NAME_MIN_CHARS)
        continue;
      for (guint k = 0; k < term->len && one_word; k++)
        one_word = is_word_char (term->folded[k]);
      if (one_word && jaro_winkler (word, len, term->folded, term->len) >= CG_NEAR_NAME_SIMILARITY)
        return term;
    }
  return NULL;
}

static void
scan_words (CgAnonymiser *self,
            const char   *text,
            const char   *where,
            GPtrArray    *findings)
{
  gboolean sentence_start = TRUE;
  const char *p = text;

  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      const char *end = p;
      char word[CG_MAX_WORD_BYTES];
      const Term *term;

      if (!is_word_char (c))
        {
          if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == ';')
            sentence_start = TRUE;
          p = g_utf8_next_char (p);
          continue;
        }
      if ((term = term_at (self, p, TRUE, &end)) != NULL)
        {
          g_autofree char *found = g_strndup (p, end - p);

          add_finding (findings, CG_IDENTIFIER_NAME, found, where);
          p = end;
          sentence_start = FALSE;
          continue;
        }
      if (!folded_word_at (p, word, sizeof word, &end))
        {
          while (*p && is_word_char (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          sentence_start = FALSE;
          continue;
        }

      if (g_unichar_isupper (c) && !g_hash_table_contains (self->allowed, word)
          && !g_hash_table_contains (self->lower_words, word))
        {
          g_autofree char *found = g_strndup (p, end - p);
          gboolean all_caps = TRUE;
          gboolean has_digit = FALSE;
          guint len = 0;
          g_autofree gunichar *folded = fold_text (found, &len);
          const Term *near = near_name (self, folded, len);

          for (const char *q = found; *q; q = g_utf8_next_char (q))
            {
              gunichar u = g_utf8_get_char (q);

              if (g_unichar_islower (u))
                all_caps = FALSE;
              if (g_unichar_isdigit (u))
                has_digit = TRUE;
            }
          if (near != NULL)
            add_finding (findings, CG_IDENTIFIER_NAME, found, where);
          else if (!sentence_start && !all_caps && !has_digit && len >= 2)
            add_finding (findings, CG_IDENTIFIER_UNKNOWN_NAME, found, where);
        }
      p = end;
      sentence_start = FALSE;
    }
}

typedef struct
{
  CgAnonymiser *self;
  const char   *text;
  const char   *where;
  GPtrArray    *findings;
} BirthScan;

static char *
check_birth_date (const CgPeriod *period,
                  int             day,
                  int             month,
                  const char     *written,
                  gpointer        user_data)
{
  BirthScan *scan = user_data;
  const char *at = strstr (scan->text, written);
  gboolean report = FALSE;

  if (period == NULL || period->precision != CG_PRECISION_DAY)
    return NULL;
  for (guint i = 0; i < scan->self->birth_days->len; i++)
    if (g_array_index (scan->self->birth_days, guint32, i) == period->start)
      report = TRUE;
  if (!report && at != NULL)
    {
      /* "DOB 14/07/2019", "born on 14 July 2019", "date of birth: ..." */
      gsize back = MIN ((gsize)(at - scan->text), 24);
      g_autofree char *before = g_ascii_strdown (at - back, back);

      report = strstr (before, "dob") || strstr (before, "d.o.b") || strstr (before, "born")
               || strstr (before, "date of birth") || strstr (before, "birthday");
    }
  if (report)
    add_finding (scan->findings, CG_IDENTIFIER_BIRTH_DATE, written, scan->where);
  return NULL;
}

void
cg_anonymiser_scan (CgAnonymiser *self,
                    const char   *text,
                    const char   *where,
                    GPtrArray    *findings)
{
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (int));
  BirthScan birth = { self, text, where, findings };

  g_return_if_fail (self != NULL);
  g_return_if_fail (findings != NULL);
  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    return;
  sort_index (self);

  scan_regex (self->email, text, CG_IDENTIFIER_EMAIL, where, findings, taken);
  scan_regex (self->nhs, text, CG_IDENTIFIER_NHS_NUMBER, where, findings, taken);
  scan_regex (self->phone, text, CG_IDENTIFIER_PHONE, where, findings, taken);
  scan_regex (self->postcode, text, CG_IDENTIFIER_POSTCODE, where, findings, taken);
  g_free (cg_text_map_dates (text, check_birth_date, &birth));
  scan_words (self, text, where, findings);
}

/* ------------------------------------------------------- dates in text */

#define MONTH_NAMES "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?" \
                    "|aug(?:ust)?" \
                    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"

static GRegex *
date_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("(?<![0-9/.:-])(?:"
                               "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
                               "|[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2})"
                               "|[0-9]{1,2}(?:st|nd|rd|th)?[ -]+(?:of +)?" MONTH_NAMES "\\.?,?[ -]+"
                               "(?:[0-9]{4}|[0-9]{2})"
                               "|" MONTH_NAMES " +[0-9]{1,2}(?:st|nd|rd|th)?,? +[0-9]{4}"
                               "|(?<day>[0-9]{2})/(?<month>[0-9]{2})"
                               ")(?![0-9/:]|[.-][0-9])(?![a-z])",
                               G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (r != NULL);
      g_once_init_leave (&regex, r);
    }
  return regex;
}

/* "12 March 2021", "March 12th, 2021" in the order the date parser reads. */
static char *
normalise_written_date (const char *written)
{
  g_autoptr(GRegex) suffix = g_regex_new ("([0-9])(?:st|nd|rd|th)\\b|\\bof\\b|,",
                                          G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GRegex) month_first = g_regex_new ("^([a-z]+\\.?) +([0-9]{1,2}) +([0-9]{4})$",
                                               G_REGEX_CASELESS, 0, NULL);
  g_autofree char *plain = g_regex_replace (suffix, written, -1, 0, "\\1", 0, NULL);
  g_auto(GStrv) words = g_regex_split_simple ("\\s+", g_strstrip (plain), 0, 0);
  g_autofree char *joined = g_strjoinv (" ", words);

  if (g_regex_match (month_first, joined, 0, NULL))
    return g_regex_replace (month_first, joined, -1, 0, "\\2 \\1 \\3", 0, NULL);
  return g_steal_pointer (&joined);
}

char *
cg_text_map_dates (const char    *text,
                   CgDateMapFunc  func,
                   gpointer       user_data)
{
  g_autoptr(GMatchInfo) match = NULL;
  GString *out;
  int copied = 0;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  g_regex_match (date_regex (), text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *written = g_match_info_fetch (match, 0);
      g_autofree char *day_text = g_match_info_fetch_named (match, "day");
      g_autofree char *month_text = g_match_info_fetch_named (match, "month");
      g_autofree char *replacement = NULL;
      int start = 0, end = 0;

      g_match_info_fetch_pos (match, 0, &start, &end);
      if (day_text != NULL && *day_text != '\0')
        {
          int day = atoi (day_text), month = atoi (month_text);

          if (day >= 1 && day <= 31 && month >= 1 && month <= 12)
            replacement = func (NULL, day, month, written, user_data);
        }
      else
        {
          g_autofree char *normal = normalise_written_date (written);
          CgPeriod period;

          if (cg_date_parse (normal, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE, &period, NULL)
              == CG_DATE_OK && period.precision == CG_PRECISION_DAY)
            replacement = func (&period, 0, 0, written, user_data);
        }
      if (replacement != NULL)
        {
          g_string_append_len (out, text + copied, start - copied);
          g_string_append (out, replacement);
          copied = end;
        }
      g_match_info_next (match, NULL);
    }
  g_string_append (out, text + copied);
  return g_string_free (out, FALSE);
}
