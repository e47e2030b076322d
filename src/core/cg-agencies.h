/* cg-agencies.h: recognising the agencies a text names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Kinds of agency, as chronology writers name them in free text. */
typedef enum
{
  CG_AGENCY_OTHER,
  CG_AGENCY_POLICE,
  CG_AGENCY_SOCIAL_CARE,
  CG_AGENCY_HEALTH_VISITING,
  CG_AGENCY_HOSPITAL,
  CG_AGENCY_AMBULANCE,
  CG_AGENCY_SCHOOL,
  CG_AGENCY_GP,
  CG_AGENCY_MIDWIFERY,
  CG_AGENCY_HOUSING,
  CG_AGENCY_PROBATION,
  CG_AGENCY_MENTAL_HEALTH,
  CG_AGENCY_NURSERY,
  CG_AGENCY_DOMESTIC_ABUSE_SERVICE,
  CG_AGENCY_SUBSTANCE_MISUSE,
  CG_N_AGENCY_KINDS
} CgAgencyKind;

/* The kind of a review's agency, from the name the author gave it. */
CgAgencyKind cg_agency_kind_from_name (const char *name);
const char  *cg_agency_kind_to_string (CgAgencyKind kind);

/* Bit (1 << kind) for each kind of agency @text mentions, whole words only.
 * @lower is @text in ASCII lower case; short capitalised acronyms (ED, HV,
 * GP, CSC) are matched in @text as written. */
guint32      cg_agency_kinds_in_text  (const char *text,
                                       const char *lower);

/* The same, counting only agencies a hand-over goes to or comes from: named
 * after "to", "from", "with", "by", "via" ("referral made to Children's
 * Social Care") or before "informed", "notified", "advised" ("Police informed
 * nursery"). "Following the nursery referral" names no direction. A PPN is a
 * police notification: it names the police when no other agency is named. */
guint32      cg_agency_kinds_handed_over (const char *text,
                                          const char *lower);

G_END_DECLS
