/* cg-anonymiser.h: replacing names by role labels, and finding what still identifies
 *
 * Terms (people's names and aliases, practitioners, glossary entries) are
 * matched as whole words, in any case and with or without accents, possessives
 * included: "Lily's" becomes "Child A's" but "Lilyanne" is left alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cg-date.h"
#include "cg-family.h"
#include "cg-glossary.h"

G_BEGIN_DECLS

typedef struct _CgAnonymiser CgAnonymiser;

/* What the scan before an anonymised export reports. */
typedef enum
{
  CG_IDENTIFIER_NAME,          /* a name of the register, or a spelling close to one */
  CG_IDENTIFIER_UNKNOWN_NAME,  /* a capitalised word that may be someone's name */
  CG_IDENTIFIER_POSTCODE,      /* a UK postcode */
  CG_IDENTIFIER_NHS_NUMBER,    /* ten digits with a valid check digit */
  CG_IDENTIFIER_PHONE,         /* a UK telephone number */
  CG_IDENTIFIER_EMAIL,
  CG_IDENTIFIER_BIRTH_DATE,    /* a date given as a date of birth, or a person's birth date */
  CG_N_IDENTIFIER_KINDS
} CgIdentifierKind;

typedef struct
{
  CgIdentifierKind  kind;
  char             *text;      /* what was found, as written */
  char             *where;     /* the first place: "police.csv row 3, What happened" */
  guint             count;     /* how many times */
} CgFinding;

CgAnonymiser *cg_anonymiser_new               (void);
void          cg_anonymiser_free              (CgAnonymiser       *self);

/* @identifying: @term is a real identifier that must never appear in a
 * published file (cg_anonymiser_find_leak () looks for it). A term already
 * known keeps its first replacement. */
void          cg_anonymiser_add_term          (CgAnonymiser       *self,
                                               const char         *term,
                                               const char         *replacement,
                                               gboolean            identifying);
/* Names, aliases, and each part of a name ("Brennan" alone) become the
 * person's role label; a family name several people share becomes
 * "[family name]". Birth dates are remembered for the scan. */
void          cg_anonymiser_add_family        (CgAnonymiser       *self,
                                               CgFamily           *family);
void          cg_anonymiser_add_glossary      (CgAnonymiser       *self,
                                               const CgGlossary   *glossary);
/* Practitioner cells as the agencies wrote them ("HV Zoë Adams", "PC 4471"):
 * each named one becomes its role and a number ("HV 1", "PC 2"), and its name
 * and number parts are replaced wherever they appear. */
void          cg_anonymiser_add_practitioners (CgAnonymiser       *self,
                                               GPtrArray          *practitioners);
/* Words the scan never reports as names: role labels, agency names,
 * placeholders. Words of @text seen in lower case are ordinary words. */
void          cg_anonymiser_allow_words       (CgAnonymiser       *self,
                                               const char         *text);
void          cg_anonymiser_learn_words       (CgAnonymiser       *self,
                                               const char         *text);

/* @text with every term replaced; NULL for NULL. */
char         *cg_anonymiser_apply             (CgAnonymiser       *self,
                                               const char         *text);
/* Adds to @findings (CgFinding) what in @text still looks identifying. */
void          cg_anonymiser_scan              (CgAnonymiser       *self,
                                               const char         *text,
                                               const char         *where,
                                               GPtrArray          *findings);
/* The first identifying term found in @data (any bytes), or NULL. */
char         *cg_anonymiser_find_leak         (CgAnonymiser       *self,
                                               const char         *data,
                                               gsize               len);

const char   *cg_identifier_kind_get_label    (CgIdentifierKind    kind);
void          cg_finding_free                 (CgFinding          *finding);
/* Ten digits (spaces and hyphens ignored) whose modulus 11 check digit is right. */
gboolean      cg_nhs_number_is_valid          (const char         *text);

/* Dates written in free text ("12/03/2021", "12 March 2021", "20-Jan-22",
 * "2021-03-12", "15/07"): @func returns the replacement, or NULL to keep
 * the date. @period is NULL for a day and month without a year, whose
 * @day and @month are then set. */
typedef char *(*CgDateMapFunc) (const CgPeriod *period,
                                int             day,
                                int             month,
                                const char     *written,
                                gpointer        user_data);

char         *cg_text_map_dates               (const char         *text,
                                               CgDateMapFunc       func,
                                               gpointer            user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgAnonymiser, cg_anonymiser_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgFinding, cg_finding_free)

G_END_DECLS
