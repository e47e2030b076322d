/* cg-agencies.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-agencies"

#include "config.h"

#include <string.h>

#include "cg-agencies.h"

typedef struct
{
  const char   *phrase;
  CgAgencyKind  kind;
  gboolean      as_written;   /* an acronym: match case-sensitively */
} Alias;

/* How agencies are written in chronologies. Longer phrases first where one
 * contains another, so "health visitor" is not read as a hospital "visit". */
static const Alias aliases[] = {
  { "police", CG_AGENCY_POLICE },
  { "constabulary", CG_AGENCY_POLICE },
  { "officers", CG_AGENCY_POLICE },
  { "officer", CG_AGENCY_POLICE },
  { "ppn", CG_AGENCY_POLICE },
  { "PC", CG_AGENCY_POLICE, TRUE },
  { "DC", CG_AGENCY_POLICE, TRUE },
  { "children's social care", CG_AGENCY_SOCIAL_CARE },
  { "childrens social care", CG_AGENCY_SOCIAL_CARE },
  { "children’s social care", CG_AGENCY_SOCIAL_CARE },
  { "social care", CG_AGENCY_SOCIAL_CARE },
  { "social services", CG_AGENCY_SOCIAL_CARE },
  { "social worker", CG_AGENCY_SOCIAL_CARE },
  { "social work", CG_AGENCY_SOCIAL_CARE },
  { "children's services", CG_AGENCY_SOCIAL_CARE },
  { "childrens services", CG_AGENCY_SOCIAL_CARE },
  { "children’s services", CG_AGENCY_SOCIAL_CARE },
  { "front door", CG_AGENCY_SOCIAL_CARE },
  { "emergency duty team", CG_AGENCY_SOCIAL_CARE },
  { "duty team", CG_AGENCY_SOCIAL_CARE },
  { "CSC", CG_AGENCY_SOCIAL_CARE, TRUE },
  { "MASH", CG_AGENCY_SOCIAL_CARE, TRUE },
  { "mash", CG_AGENCY_SOCIAL_CARE },
  { "EDT", CG_AGENCY_SOCIAL_CARE, TRUE },
  { "SW", CG_AGENCY_SOCIAL_CARE, TRUE },
  { "health visitor", CG_AGENCY_HEALTH_VISITING },
  { "health visitors", CG_AGENCY_HEALTH_VISITING },
  { "health visiting", CG_AGENCY_HEALTH_VISITING },
  { "0-19 service", CG_AGENCY_HEALTH_VISITING },
  { "0-19 team", CG_AGENCY_HEALTH_VISITING },
  { "HV", CG_AGENCY_HEALTH_VISITING, TRUE },
  { "emergency department", CG_AGENCY_HOSPITAL },
  { "a&e", CG_AGENCY_HOSPITAL },
  { "a & e", CG_AGENCY_HOSPITAL },
  { "accident and emergency", CG_AGENCY_HOSPITAL },
  { "hospital", CG_AGENCY_HOSPITAL },
  { "paediatrician", CG_AGENCY_HOSPITAL },
  { "paediatric", CG_AGENCY_HOSPITAL },
  { "paediatrics", CG_AGENCY_HOSPITAL },
  { "ward", CG_AGENCY_HOSPITAL },
  { "ED", CG_AGENCY_HOSPITAL, TRUE },
  { "ambulance", CG_AGENCY_AMBULANCE },
  { "paramedic", CG_AGENCY_AMBULANCE },
  { "paramedics", CG_AGENCY_AMBULANCE },
  { "school", CG_AGENCY_SCHOOL },
  { "designated safeguarding lead", CG_AGENCY_SCHOOL },
  { "teacher", CG_AGENCY_SCHOOL },
  { "head teacher", CG_AGENCY_SCHOOL },
  { "headteacher", CG_AGENCY_SCHOOL },
  { "academy", CG_AGENCY_SCHOOL },
  { "DSL", CG_AGENCY_SCHOOL, TRUE },
  { "gp", CG_AGENCY_GP },
  { "general practitioner", CG_AGENCY_GP },
  { "general practice", CG_AGENCY_GP },
  { "surgery", CG_AGENCY_GP },
  { "medical practice", CG_AGENCY_GP },
  { "GP", CG_AGENCY_GP, TRUE },
  { "midwife", CG_AGENCY_MIDWIFERY },
  { "midwives", CG_AGENCY_MIDWIFERY },
  { "midwifery", CG_AGENCY_MIDWIFERY },
  { "maternity", CG_AGENCY_MIDWIFERY },
  { "housing", CG_AGENCY_HOUSING },
  { "landlord", CG_AGENCY_HOUSING },
  { "probation", CG_AGENCY_PROBATION },
  { "offender manager", CG_AGENCY_PROBATION },
  { "mental health", CG_AGENCY_MENTAL_HEALTH },
  { "camhs", CG_AGENCY_MENTAL_HEALTH },
  { "cmht", CG_AGENCY_MENTAL_HEALTH },
  { "nursery", CG_AGENCY_NURSERY },
  { "early years", CG_AGENCY_NURSERY },
  { "childminder", CG_AGENCY_NURSERY },
  { "idva", CG_AGENCY_DOMESTIC_ABUSE_SERVICE },
  { "domestic abuse service", CG_AGENCY_DOMESTIC_ABUSE_SERVICE },
  { "women's aid", CG_AGENCY_DOMESTIC_ABUSE_SERVICE },
  { "refuge", CG_AGENCY_DOMESTIC_ABUSE_SERVICE },
  { "drug and alcohol", CG_AGENCY_SUBSTANCE_MISUSE },
  { "substance misuse", CG_AGENCY_SUBSTANCE_MISUSE },
};

static const char * const kind_names[CG_N_AGENCY_KINDS] = {
  "other", "police", "social-care", "health-visiting", "hospital", "ambulance", "school", "gp",
  "midwifery", "housing", "probation", "mental-health", "nursery", "domestic-abuse-service",
  "substance-misuse",
};

const char *
cg_agency_kind_to_string (CgAgencyKind kind)
{
  return kind < CG_N_AGENCY_KINDS ? kind_names[kind] : "other";
}

/* The lead byte 0xE2 of typographic punctuation (’ – “ ”) and continuation
 * bytes end a word, so "midwife’s" names the midwife. */
static inline gboolean
is_word_char (char c)
{
  guchar u = c;

  return g_ascii_isalnum (c) || (u >= 0xC0 && u != 0xE2);
}

static gboolean
contains_word (const char *haystack,
               const char *phrase)
{
  gsize n = strlen (phrase);

  for (const char *p = strstr (haystack, phrase); p != NULL; p = strstr (p + 1, phrase))
    if ((p == haystack || !is_word_char (p[-1])) && !is_word_char (p[n]))
      return TRUE;
  return FALSE;
}

guint32
cg_agency_kinds_in_text (const char *text,
                         const char *lower)
{
  guint32 kinds = 0;

  if (text == NULL || lower == NULL)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      const Alias *alias = &aliases[i];

      if (kinds & (1u << alias->kind))
        continue;
      if (contains_word (alias->as_written ? text : lower, alias->phrase))
        kinds |= 1u << alias->kind;
    }
  return kinds;
}

CgAgencyKind
cg_agency_kind_from_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name ? name : "", -1);
  guint32 kinds = cg_agency_kinds_in_text (name, lower);

  /* "Police" names one kind; a name that names several ("Hospital social
   * work team") takes the most specific, which the order below prefers. */
  static const CgAgencyKind preference[] = {
    CG_AGENCY_HEALTH_VISITING, CG_AGENCY_AMBULANCE, CG_AGENCY_MIDWIFERY, CG_AGENCY_SCHOOL,
    CG_AGENCY_GP, CG_AGENCY_POLICE, CG_AGENCY_PROBATION, CG_AGENCY_MENTAL_HEALTH,
    CG_AGENCY_NURSERY, CG_AGENCY_DOMESTIC_ABUSE_SERVICE, CG_AGENCY_SUBSTANCE_MISUSE,
    CG_AGENCY_HOUSING, CG_AGENCY_SOCIAL_CARE, CG_AGENCY_HOSPITAL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (preference); i++)
    if (kinds & (1u << preference[i]))
      return preference[i];
  if (strstr (lower, "social") != NULL || strstr (lower, "children") != NULL)
    return CG_AGENCY_SOCIAL_CARE;
  if (strstr (lower, "health") != NULL)
    return CG_AGENCY_HEALTH_VISITING;
  return CG_AGENCY_OTHER;
}

static gboolean
preceded_by_direction (const char *haystack,
                       const char *at)
{
  static const char * const words[] = {
    "to", "from", "with", "by", "via", "into", "cc", "onto", "towards", "phoned", "rang",
    "called", "contacted", "informed", "notified", "emailed", "told", "alerted", "advised",
    "updated", "faxed", "wrote", "telephoned",
  };
  const char *p = at;
  guint words_back = 0;

  /* look back over up to four words: "to the duty team at", "from the" */
  while (p > haystack && words_back < 4)
    {
      const char *end, *start;
      gsize n;

      while (p > haystack && !is_word_char (p[-1]))
        p--;
      end = p;
      while (p > haystack && is_word_char (p[-1]))
        p--;
      start = p;
      n = end - start;
      if (n == 0)
        break;
      for (guint i = 0; i < G_N_ELEMENTS (words); i++)
        if (n == strlen (words[i]) && g_ascii_strncasecmp (start, words[i], n) == 0)
          return TRUE;
      words_back++;
    }
  return FALSE;
}

static gboolean
followed_by_telling (const char *after)
{
  static const char * const words[] = {
    "informed", "notified", "advised", "referred", "told", "contacted", "shared",
    "emailed", "phoned", "called", "sent", "passed",
  };
  const char *p = after;

  for (guint w = 0; w < 2; w++)
    {
      const char *start;
      gsize n;

      while (*p && !is_word_char (*p))
        p++;
      start = p;
      while (*p && is_word_char (*p))
        p++;
      n = p - start;
      if (n == 0)
        return FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (words); i++)
        if (n == strlen (words[i]) && g_ascii_strncasecmp (start, words[i], n) == 0)
          return TRUE;
    }
  return FALSE;
}

guint32
cg_agency_kinds_handed_over (const char *text,
                             const char *lower)
{
  guint32 kinds = 0;
  gboolean ppn = FALSE;

  if (text == NULL || lower == NULL)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      const Alias *alias = &aliases[i];
      const char *haystack = alias->as_written ? text : lower;
      gsize n = strlen (alias->phrase);

      if (kinds & (1u << alias->kind))
        continue;
      if (g_str_equal (alias->phrase, "ppn"))
        {
          ppn |= contains_word (lower, "ppn");
          continue;
        }
      for (const char *p = strstr (haystack, alias->phrase); p != NULL; p = strstr (p + 1, alias->phrase))
        {
          if ((p != haystack && is_word_char (p[-1])) || is_word_char (p[n]))
            continue;
          if (preceded_by_direction (haystack, p) || followed_by_telling (p + n))
            {
              kinds |= 1u << alias->kind;
              break;
            }
        }
    }
  if (ppn && kinds == 0)
    kinds |= 1u << CG_AGENCY_POLICE;
  return kinds;
}
