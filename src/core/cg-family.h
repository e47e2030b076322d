/* cg-family.h: the people of the review, their relationships and households
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cg-store.h"

G_BEGIN_DECLS

typedef enum
{
  CG_SEX_UNKNOWN,
  CG_SEX_FEMALE,
  CG_SEX_MALE,
} CgSex;

typedef enum
{
  CG_RELATIONSHIP_MARRIED,
  CG_RELATIONSHIP_PARTNERS,
  CG_RELATIONSHIP_COHABITING,
  CG_RELATIONSHIP_SEPARATED,
  CG_RELATIONSHIP_DIVORCED,
  CG_RELATIONSHIP_PARENT,
  CG_RELATIONSHIP_ADOPTIVE_PARENT,
  CG_RELATIONSHIP_FOSTER_PARENT,
  CG_RELATIONSHIP_STEP_PARENT,
  CG_RELATIONSHIP_CLOSE,
  CG_RELATIONSHIP_CONFLICT,
  CG_RELATIONSHIP_ABUSE,
  CG_RELATIONSHIP_CUTOFF,
} CgRelationshipKind;

typedef struct
{
  char     *key;       /* "p1": the id in people.csv and in exports */
  char     *name;
  GStrv     aliases;   /* nicknames and other names, never NULL */
  char     *label;     /* role label: "Mother", "Child A" */
  CgSex     sex;
  char     *born;      /* "1996" or "1996-04-02", or NULL */
  char     *died;
  gboolean  subject;   /* the child at the centre of the review */
  char     *note;
} CgPerson;

typedef struct
{
  char               *a;      /* for parent kinds, a is the parent; for abuse, a harmed b */
  char               *b;
  CgRelationshipKind  kind;
  char               *from;   /* ISO date or year, or NULL */
  char               *to;
  char               *note;
} CgRelationship;

typedef struct
{
  char *household;
  char *person;
  char *from;
  char *to;
} CgHouseholdMember;

typedef struct
{
  GPtrArray *people;          /* CgPerson, in the author's order */
  GPtrArray *relationships;   /* CgRelationship */
  GPtrArray *households;      /* CgHouseholdMember */
} CgFamily;

CgFamily   *cg_family_new                    (void);
void        cg_family_free                   (CgFamily           *family);
CgPerson   *cg_family_find_person            (CgFamily           *family,
                                              const char         *key);
/* Distinct households named in family->households. */
guint       cg_family_count_households       (CgFamily           *family);
const char *cg_sex_to_string                 (CgSex               sex);
gboolean    cg_sex_from_string               (const char         *text,
                                              CgSex              *sex);
const char *cg_relationship_kind_to_string   (CgRelationshipKind  kind);
gboolean    cg_relationship_kind_from_string (const char         *text,
                                              CgRelationshipKind *kind);
void        cg_person_free                   (CgPerson           *person);
void        cg_relationship_free             (CgRelationship     *relationship);
void        cg_household_member_free         (CgHouseholdMember  *member);

/* people.csv, relationships.csv and households.csv (the last two may be NULL).
 * Errors name the file and row. */
CgFamily   *cg_family_read_csv               (const char         *people_path,
                                              const char         *relationships_path,
                                              const char         *households_path,
                                              GError            **error);

/* Keys of the people a text mentions by name, alias or role label, as whole
 * words, possessives included ("Lily's"); in the family's order, newly
 * allocated. Names and aliases match in any case, role labels exactly. */
GPtrArray  *cg_family_find_mentions          (CgFamily           *family,
                                              const char         *text);

/* The days a family date ("1996", "1996-04", "1996-04-02", "c. 1970") may
 * refer to, inclusive. FALSE when @text is empty or not such a date. */
gboolean    cg_family_date_range             (const char         *text,
                                              guint32            *first,
                                              guint32            *last);

/* Every relationship and household names people of the family, no id is used
 * twice, and the dates can be read. Errors name the person or row involved. */
gboolean    cg_family_validate               (CgFamily           *family,
                                              GError            **error);
CgFamily   *cg_family_copy                   (const CgFamily     *family);

/* Finding mentions in many texts (the whole chronology): build once, then call
 * find from any number of threads. The finder copies what it needs. */
typedef struct _CgMentionFinder CgMentionFinder;

CgMentionFinder *cg_mention_finder_new       (CgFamily              *family);
void             cg_mention_finder_free      (CgMentionFinder       *finder);
/* Newly allocated keys, in the family's order; an empty array for none. */
GPtrArray       *cg_mention_finder_find      (const CgMentionFinder *finder,
                                              const char            *text);

/* Stored in the case file; replace is one transaction. */
CgFamily   *cg_store_load_family             (CgStore            *store,
                                              GError            **error);
gboolean    cg_store_replace_family          (CgStore            *store,
                                              CgFamily           *family,
                                              GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgFamily, cg_family_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgPerson, cg_person_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgRelationship, cg_relationship_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgHouseholdMember, cg_household_member_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgMentionFinder, cg_mention_finder_free)

G_END_DECLS
