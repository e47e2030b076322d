/* cg-person-editor.c
 *
 * One person of the family, with their relationships and households as they
 * read from that person: "Parent of Lily", "Child of Kayleigh". The editor
 * works on a copy of the family and hands back the whole family, with the
 * person's relationships and household rows in their original places, so the
 * genogram of an unchanged family stays the same picture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-person-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cg-date.h"
#include "cg-errors.h"
#include "cg-person-editor.h"

/* The contract's kinds, in the words of the person edited. For the parent
 * kinds the parent is "a"; for abuse "a" harmed "b". */
static const struct
{
  CgRelationshipKind  kind;
  gboolean            person_is_b;
  const char         *phrase;
} kind_choices[] = {
  { CG_RELATIONSHIP_MARRIED, FALSE, N_("Married to") },
  { CG_RELATIONSHIP_PARTNERS, FALSE, N_("Partner of") },
  { CG_RELATIONSHIP_COHABITING, FALSE, N_("Cohabiting with") },
  { CG_RELATIONSHIP_SEPARATED, FALSE, N_("Separated from") },
  { CG_RELATIONSHIP_DIVORCED, FALSE, N_("Divorced from") },
  { CG_RELATIONSHIP_PARENT, FALSE, N_("Parent of") },
  { CG_RELATIONSHIP_PARENT, TRUE, N_("Child of") },
  { CG_RELATIONSHIP_ADOPTIVE_PARENT, FALSE, N_("Adoptive parent of") },
  { CG_RELATIONSHIP_ADOPTIVE_PARENT, TRUE, N_("Adopted child of") },
  { CG_RELATIONSHIP_FOSTER_PARENT, FALSE, N_("Foster carer of") },
  { CG_RELATIONSHIP_FOSTER_PARENT, TRUE, N_("Foster child of") },
  { CG_RELATIONSHIP_STEP_PARENT, FALSE, N_("Step-parent of") },
  { CG_RELATIONSHIP_STEP_PARENT, TRUE, N_("Stepchild of") },
  { CG_RELATIONSHIP_CLOSE, FALSE, N_("Close to") },
  { CG_RELATIONSHIP_CONFLICT, FALSE, N_("In conflict with") },
  { CG_RELATIONSHIP_ABUSE, FALSE, N_("Abusive towards") },
  { CG_RELATIONSHIP_ABUSE, TRUE, N_("Abused by") },
  { CG_RELATIONSHIP_CUTOFF, FALSE, N_("Cut off from") },
};

typedef struct
{
  AdwExpanderRow *row;
  AdwComboRow    *kind_row;
  AdwComboRow    *other_row;
  AdwEntryRow    *from_row;
  AdwEntryRow    *to_row;
  AdwEntryRow    *note_row;
  int             origin;        /* index in the family's relationships, or -1 when new */
  gboolean        person_is_b;   /* how a two-way relationship was written */
  char           *other;         /* ... and with whom */
} RelationshipRow;

typedef struct
{
  AdwExpanderRow *row;
  AdwEntryRow    *household_row;
  AdwEntryRow    *from_row;
  AdwEntryRow    *to_row;
  int             origin;        /* index in the family's households, or -1 when new */
} HouseholdRow;

struct _CgPersonEditor
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  GtkRevealer         *problem_revealer;
  GtkLabel            *problem_label;
  AdwEntryRow         *name_row;
  AdwEntryRow         *label_row;
  AdwEntryRow         *aliases_row;
  AdwComboRow         *sex_row;
  GtkSwitch           *subject_switch;
  AdwEntryRow         *note_row;
  AdwEntryRow         *born_row;
  AdwEntryRow         *died_row;
  AdwPreferencesGroup *relationships_group;
  GtkWidget           *add_relationship_button;
  AdwPreferencesGroup *households_group;

  /* Owned references */
  CgFamily            *family;         /* as it was */
  char                *key;
  GtkStringList       *kind_names;
  GtkStringList       *other_names;    /* the people this one can relate to ... */
  GPtrArray           *other_keys;     /* ... and their ids (borrowed from family) */
  GPtrArray           *relationships;  /* RelationshipRow */
  GPtrArray           *households;     /* HouseholdRow */

  guint                is_new : 1;
};

G_DEFINE_FINAL_TYPE (CgPersonEditor, cg_person_editor, ADW_TYPE_WINDOW)

enum {
  ACCEPTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
relationship_row_free (RelationshipRow *row)
{
  g_free (row->other);
  g_free (row);
}

static gboolean
kind_is_two_way (CgRelationshipKind kind)
{
  switch (kind)
    {
    case CG_RELATIONSHIP_PARENT:
    case CG_RELATIONSHIP_ADOPTIVE_PARENT:
    case CG_RELATIONSHIP_FOSTER_PARENT:
    case CG_RELATIONSHIP_STEP_PARENT:
    case CG_RELATIONSHIP_ABUSE:
      return FALSE;

    case CG_RELATIONSHIP_MARRIED:
    case CG_RELATIONSHIP_PARTNERS:
    case CG_RELATIONSHIP_COHABITING:
    case CG_RELATIONSHIP_SEPARATED:
    case CG_RELATIONSHIP_DIVORCED:
    case CG_RELATIONSHIP_CLOSE:
    case CG_RELATIONSHIP_CONFLICT:
    case CG_RELATIONSHIP_CUTOFF:
    default:
      return TRUE;
    }
}

static guint
find_kind_choice (CgRelationshipKind kind,
                  gboolean           person_is_b)
{
  if (kind_is_two_way (kind))
    person_is_b = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kind_choices); i++)
    if (kind_choices[i].kind == kind && kind_choices[i].person_is_b == person_is_b)
      return i;

  return 0;
}

static char *
describe_person (const CgPerson *person)
{
  gboolean has_name = person->name != NULL && *person->name != '\0';
  gboolean has_label = person->label != NULL && *person->label != '\0';

  if (has_name && has_label)
    /* Translators: a person in a list: name (role label) */
    return g_strdup_printf (_("%s (%s)"), person->name, person->label);
  if (has_name)
    return g_strdup (person->name);
  if (has_label)
    return g_strdup (person->label);
  return g_strdup (person->key);
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
mark_row (gpointer row,
          gboolean valid)
{
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

/* A family date as the contract writes it ("1996", "2019-07",
 * "2019-07-14", "c. 1970"), also accepting UK days such as 14/07/2019.
 * Empty is fine: *@date is then NULL. */
static gboolean
read_family_date (AdwEntryRow  *row,
                  char        **date)
{
  g_autofree char *text = entry_text (row);
  CgPeriod period;
  int year, month, day;

  *date = NULL;
  if (*text == '\0')
    return TRUE;

  if (cg_family_date_range (text, NULL, NULL))
    {
      *date = g_steal_pointer (&text);
      return TRUE;
    }

  if (cg_date_parse (text, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE, &period, NULL)
      != CG_DATE_OK || period.start == 0)
    return FALSE;

  cg_date_to_ymd (period.start, &year, &month, &day);
  switch (period.precision)
    {
    case CG_PRECISION_DAY:
      *date = cg_date_to_iso (period.start);
      break;

    case CG_PRECISION_MONTH:
      *date = g_strdup_printf ("%04d-%02d", year, month);
      break;

    case CG_PRECISION_YEAR:
      *date = g_strdup_printf ("%04d", year);
      break;

    case CG_PRECISION_UNKNOWN:
    case CG_PRECISION_SEASON:
    case CG_PRECISION_RANGE:
    default:
      return FALSE;
    }

  return TRUE;
}

static char *
describe_period (const char *from,
                 const char *to)
{
  if (from != NULL && to != NULL)
    /* Translators: the dates a relationship or household held */
    return g_strdup_printf (_("%s to %s"), from, to);
  if (from != NULL)
    return g_strdup_printf (_("From %s"), from);
  if (to != NULL)
    return g_strdup_printf (_("Until %s"), to);
  return g_strdup (_("No dates"));
}

/* ------------------------------------------------------------- validation */

static gboolean
check_dates (AdwEntryRow  *from_row,
             AdwEntryRow  *to_row,
             const char   *what,
             char        **problem)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean from_ok = read_family_date (from_row, &from);
  gboolean to_ok = read_family_date (to_row, &to);
  guint32 first_from = 0, last_from = 0, first_to = 0, last_to = 0;
  gboolean order_ok = TRUE;

  if (from_ok && to_ok && from != NULL && to != NULL &&
      cg_family_date_range (from, &first_from, &last_from) &&
      cg_family_date_range (to, &first_to, &last_to))
    order_ok = last_to >= first_from;

  mark_row (from_row, from_ok);
  mark_row (to_row, to_ok && order_ok);

  if (*problem != NULL)
    return from_ok && to_ok && order_ok;

  if (!from_ok || !to_ok)
    /* Translators: %s is what the date belongs to, e.g. "Born", "the relationship" */
    *problem = g_strdup_printf (_("%s: write a year such as 1996, a month such as 2019-07 or a "
                                  "day such as 14/07/2019."), what);
  else if (!order_ok)
    *problem = g_strdup_printf (_("%s: the end is before the start."), what);

  return from_ok && to_ok && order_ok;
}

static gboolean
validate (CgPersonEditor *self)
{
  g_autofree char *name = entry_text (self->name_row);
  g_autofree char *label = entry_text (self->label_row);
  g_autofree char *problem = NULL;
  gboolean named = *name != '\0' || *label != '\0';
  gboolean valid = named;

  mark_row (self->name_row, named);
  mark_row (self->label_row, named);
  if (!named)
    problem = g_strdup (_("Give the person a name, a role label or both."));

  valid &= check_dates (self->born_row, self->died_row, _("Born and died"), &problem);

  for (guint i = 0; i < self->relationships->len; i++)
    {
      RelationshipRow *row = g_ptr_array_index (self->relationships, i);
      gboolean has_other =
        adw_combo_row_get_selected (row->other_row) < self->other_keys->len;

      mark_row (row->other_row, has_other);
      if (!has_other && problem == NULL)
        problem = g_strdup (_("Choose the other person of each relationship."));
      valid &= has_other;
      valid &= check_dates (row->from_row, row->to_row,
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row->row)),
                            &problem);
    }

  for (guint i = 0; i < self->households->len; i++)
    {
      HouseholdRow *row = g_ptr_array_index (self->households, i);
      g_autofree char *household = entry_text (row->household_row);

      mark_row (row->household_row, *household != '\0');
      if (*household == '\0' && problem == NULL)
        problem = g_strdup (_("Give each household a name, such as h1 or “Mother’s flat”."));
      valid &= *household != '\0';
      valid &= check_dates (row->from_row, row->to_row, _("Household"), &problem);
    }

  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_revealer_set_reveal_child (self->problem_revealer, problem != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), valid);

  return valid;
}

/* ---------------------------------------------------------------- titles */

static void
update_relationship_title (RelationshipRow *row,
                           CgPersonEditor  *self)
{
  guint choice = adw_combo_row_get_selected (row->kind_row);
  guint other = adw_combo_row_get_selected (row->other_row);
  g_autofree char *title = NULL;
  g_autofree char *from = entry_text (row->from_row);
  g_autofree char *to = entry_text (row->to_row);
  g_autofree char *subtitle = describe_period (*from ? from : NULL, *to ? to : NULL);

  if (choice >= G_N_ELEMENTS (kind_choices))
    choice = 0;
  if (other < self->other_keys->len)
    /* Translators: a relationship read from the person edited: "Parent of Lily Brennan" */
    title = g_strdup_printf (_("%s %s"), _(kind_choices[choice].phrase),
                             gtk_string_list_get_string (self->other_names, other));
  else
    title = g_strdup (_(kind_choices[choice].phrase));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
  adw_expander_row_set_subtitle (row->row, subtitle);
}

static void
update_household_title (HouseholdRow   *row,
                        CgPersonEditor *self)
{
  g_autofree char *household = entry_text (row->household_row);
  g_autofree char *from = entry_text (row->from_row);
  g_autofree char *to = entry_text (row->to_row);
  g_autofree char *period = describe_period (*from ? from : NULL, *to ? to : NULL);
  g_autofree char *title = NULL;
  g_autoptr(GString) others = g_string_new (NULL);

  /* Who else lived there, so "h1" means something. */
  for (guint i = 0; i < self->family->households->len; i++)
    {
      CgHouseholdMember *m = g_ptr_array_index (self->family->households, i);
      CgPerson *p;

      if (g_strcmp0 (m->household, household) != 0 || g_strcmp0 (m->person, self->key) == 0 ||
          !(p = cg_family_find_person (self->family, m->person)))
        continue;
      if (strstr (others->str, p->label ? p->label : p->name ? p->name : "") != NULL)
        continue;
      if (others->len > 0)
        g_string_append (others, ", ");
      g_string_append (others, p->label ? p->label : p->name ? p->name : p->key);
    }

  title = *household != '\0'
          /* Translators: %s is the household's name, such as h1 */
          ? g_strdup_printf (_("Household %s"), household)
          : g_strdup (_("New household"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);

  if (others->len > 0)
    {
      /* Translators: the dates of a household, then who else lived there */
      g_autofree char *subtitle = g_strdup_printf (_("%s · with %s"), period, others->str);

      adw_expander_row_set_subtitle (row->row, subtitle);
    }
  else
    adw_expander_row_set_subtitle (row->row, period);
}

static void
on_changed_cb (CgPersonEditor *self)
{
  g_autofree char *name = entry_text (self->name_row);
  g_autofree char *label = entry_text (self->label_row);

  for (guint i = 0; i < self->relationships->len; i++)
    update_relationship_title (g_ptr_array_index (self->relationships, i), self);
  for (guint i = 0; i < self->households->len; i++)
    update_household_title (g_ptr_array_index (self->households, i), self);

  adw_window_title_set_subtitle (self->window_title, *name ? name : label);
  validate (self);
}

/* ------------------------------------------------------------------ rows */

static AdwEntryRow *
add_entry_row (AdwExpanderRow *parent,
               const char     *title,
               const char     *text,
               CgPersonEditor *self)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_changed_cb), self);
  adw_expander_row_add_row (parent, row);
  return ADW_ENTRY_ROW (row);
}

static GtkWidget *
remove_button_new (const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
on_remove_relationship_cb (GtkButton *button,
                           gpointer   user_data)
{
  CgPersonEditor *self = CG_PERSON_EDITOR (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                    CG_TYPE_PERSON_EDITOR));
  RelationshipRow *row = user_data;

  adw_preferences_group_remove (self->relationships_group, GTK_WIDGET (row->row));
  g_ptr_array_remove (self->relationships, row);
  validate (self);
}

static void
add_relationship_row (CgPersonEditor       *self,
                      const CgRelationship *relationship,
                      int                   origin)
{
  RelationshipRow *row = g_new0 (RelationshipRow, 1);
  GtkWidget *remove;
  guint choice = 0, other = GTK_INVALID_LIST_POSITION;

  row->origin = origin;
  if (relationship != NULL)
    {
      row->person_is_b = g_strcmp0 (relationship->a, self->key) != 0;
      row->other = g_strdup (row->person_is_b ? relationship->a : relationship->b);
      choice = find_kind_choice (relationship->kind, row->person_is_b);
      for (guint i = 0; i < self->other_keys->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->other_keys, i), row->other) == 0)
          other = i;
    }
  else if (self->other_keys->len > 0)
    other = 0;

  row->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_expander_row_set_expanded (row->row, relationship == NULL);

  row->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->kind_row), _("Relationship"));
  adw_combo_row_set_model (row->kind_row, G_LIST_MODEL (self->kind_names));
  adw_combo_row_set_selected (row->kind_row, choice);
  g_signal_connect_swapped (row->kind_row, "notify::selected", G_CALLBACK (on_changed_cb), self);
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->kind_row));

  row->other_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->other_row), _("With"));
  adw_combo_row_set_model (row->other_row, G_LIST_MODEL (self->other_names));
  adw_combo_row_set_selected (row->other_row, other);
  g_signal_connect_swapped (row->other_row, "notify::selected", G_CALLBACK (on_changed_cb), self);
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->other_row));

  row->from_row = add_entry_row (row->row, _("From"), relationship ? relationship->from : NULL,
                                 self);
  row->to_row = add_entry_row (row->row, _("To"), relationship ? relationship->to : NULL, self);
  row->note_row = add_entry_row (row->row, _("Note"), relationship ? relationship->note : NULL,
                                 self);

  remove = remove_button_new (_("Remove This Relationship"));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_relationship_cb), row);
  adw_expander_row_add_action (row->row, remove);

  g_ptr_array_add (self->relationships, row);
  adw_preferences_group_add (self->relationships_group, GTK_WIDGET (row->row));
  update_relationship_title (row, self);
}

static void
on_remove_household_cb (GtkButton *button,
                        gpointer   user_data)
{
  CgPersonEditor *self = CG_PERSON_EDITOR (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                    CG_TYPE_PERSON_EDITOR));
  HouseholdRow *row = user_data;

  adw_preferences_group_remove (self->households_group, GTK_WIDGET (row->row));
  g_ptr_array_remove (self->households, row);
  validate (self);
}

static void
add_household_row (CgPersonEditor          *self,
                   const CgHouseholdMember *member,
                   const char              *household,
                   int                      origin)
{
  HouseholdRow *row = g_new0 (HouseholdRow, 1);
  GtkWidget *remove;

  row->origin = origin;
  row->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_expander_row_set_expanded (row->row, member == NULL);

  row->household_row = add_entry_row (row->row, _("Household"),
                                      member ? member->household : household, self);
  row->from_row = add_entry_row (row->row, _("From"), member ? member->from : NULL, self);
  row->to_row = add_entry_row (row->row, _("To"), member ? member->to : NULL, self);

  remove = remove_button_new (_("Remove This Household"));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_household_cb), row);
  adw_expander_row_add_action (row->row, remove);

  g_ptr_array_add (self->households, row);
  adw_preferences_group_add (self->households_group, GTK_WIDGET (row->row));
  update_household_title (row, self);
}

static void
on_add_relationship_cb (CgPersonEditor *self)
{
  add_relationship_row (self, NULL, -1);
  validate (self);
}

/* A new household row names the first household the person is not yet in,
 * or a new one. */
static void
on_add_household_cb (CgPersonEditor *self)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *fresh = NULL;
  const char *household = NULL;

  for (guint i = 0; i < self->households->len; i++)
    {
      HouseholdRow *row = g_ptr_array_index (self->households, i);

      g_hash_table_add (taken, entry_text (row->household_row));
    }

  for (guint i = 0; i < self->family->households->len && household == NULL; i++)
    {
      CgHouseholdMember *m = g_ptr_array_index (self->family->households, i);

      if (m->household != NULL && !g_hash_table_contains (taken, m->household))
        household = m->household;
    }

  for (guint n = 1; household == NULL; n++)
    {
      g_free (fresh);
      fresh = g_strdup_printf ("h%u", n);
      if (!g_hash_table_contains (taken, fresh))
        {
          gboolean used = FALSE;

          for (guint i = 0; i < self->family->households->len && !used; i++)
            used = g_strcmp0 (((CgHouseholdMember *)g_ptr_array_index (self->family->households,
                                                                        i))->household,
                              fresh) == 0;
          if (!used)
            household = fresh;
        }
    }

  add_household_row (self, NULL, household, -1);
  validate (self);
}

/* ------------------------------------------------------------ the result */

static char *
dup_entry_or_null (AdwEntryRow *row)
{
  char *text = entry_text (row);

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static GStrv
read_aliases (CgPersonEditor *self)
{
  g_autofree char *text = entry_text (self->aliases_row);
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

static CgRelationship *
relationship_from_row (CgPersonEditor  *self,
                       RelationshipRow *row)
{
  CgRelationship *r = g_new0 (CgRelationship, 1);
  guint choice = MIN (adw_combo_row_get_selected (row->kind_row), G_N_ELEMENTS (kind_choices) - 1);
  const char *other = g_ptr_array_index (self->other_keys,
                                         adw_combo_row_get_selected (row->other_row));
  gboolean person_is_b = kind_choices[choice].person_is_b;

  /* A two-way relationship keeps the order it was written in. */
  if (kind_is_two_way (kind_choices[choice].kind) && g_strcmp0 (other, row->other) == 0)
    person_is_b = row->person_is_b;

  r->kind = kind_choices[choice].kind;
  r->a = g_strdup (person_is_b ? other : self->key);
  r->b = g_strdup (person_is_b ? self->key : other);
  read_family_date (row->from_row, &r->from);
  read_family_date (row->to_row, &r->to);
  r->note = dup_entry_or_null (row->note_row);
  return r;
}

static CgHouseholdMember *
member_from_row (CgPersonEditor *self,
                 HouseholdRow   *row)
{
  CgHouseholdMember *m = g_new0 (CgHouseholdMember, 1);

  m->household = entry_text (row->household_row);
  m->person = g_strdup (self->key);
  read_family_date (row->from_row, &m->from);
  read_family_date (row->to_row, &m->to);
  return m;
}

static RelationshipRow *
find_relationship_from (GPtrArray *rows,
                        int        origin)
{
  for (guint i = 0; i < rows->len; i++)
    {
      RelationshipRow *row = g_ptr_array_index (rows, i);

      if (row->origin == origin)
        return row;
    }
  return NULL;
}

static HouseholdRow *
find_household_from (GPtrArray *rows,
                     int        origin)
{
  for (guint i = 0; i < rows->len; i++)
    {
      HouseholdRow *row = g_ptr_array_index (rows, i);

      if (row->origin == origin)
        return row;
    }
  return NULL;
}

CgFamily *
_cg_person_editor_dup_family (CgPersonEditor  *self,
                              GError         **error)
{
  g_autoptr(CgFamily) family = NULL;
  g_autoptr(GPtrArray) old = NULL;
  CgPerson *person;

  g_return_val_if_fail (CG_IS_PERSON_EDITOR (self), NULL);

  if (!validate (self))
    {
      g_set_error_literal (error, CG_ERROR, CG_ERROR_INVALID,
                           gtk_label_get_text (self->problem_label));
      return NULL;
    }

  family = cg_family_copy (self->family);
  if (!(person = cg_family_find_person (family, self->key)))
    {
      person = g_new0 (CgPerson, 1);
      person->key = g_strdup (self->key);
      g_ptr_array_add (family->people, person);
    }

  g_clear_pointer (&person->name, g_free);
  g_clear_pointer (&person->label, g_free);
  g_clear_pointer (&person->aliases, g_strfreev);
  g_clear_pointer (&person->born, g_free);
  g_clear_pointer (&person->died, g_free);
  g_clear_pointer (&person->note, g_free);
  person->name = dup_entry_or_null (self->name_row);
  person->label = dup_entry_or_null (self->label_row);
  person->aliases = read_aliases (self);
  switch (adw_combo_row_get_selected (self->sex_row))
    {
    case 1:
      person->sex = CG_SEX_FEMALE;
      break;

    case 2:
      person->sex = CG_SEX_MALE;
      break;

    default:
      person->sex = CG_SEX_UNKNOWN;
      break;
    }
  read_family_date (self->born_row, &person->born);
  read_family_date (self->died_row, &person->died);
  person->subject = gtk_switch_get_active (self->subject_switch);
  person->note = dup_entry_or_null (self->note_row);

  /* The person's relationships stay where they were; new ones go last. */
  old = g_steal_pointer (&family->relationships);
  family->relationships = g_ptr_array_new_with_free_func ((GDestroyNotify)cg_relationship_free);
  for (guint i = 0; i < old->len; i++)
    {
      CgRelationship *r = g_ptr_array_index (old, i);
      RelationshipRow *row;

      if (g_strcmp0 (r->a, self->key) != 0 && g_strcmp0 (r->b, self->key) != 0)
        {
          g_ptr_array_add (family->relationships, g_steal_pointer (&old->pdata[i]));
          continue;
        }
      if ((row = find_relationship_from (self->relationships, (int)i)) != NULL)
        g_ptr_array_add (family->relationships, relationship_from_row (self, row));
    }
  for (guint i = 0; i < self->relationships->len; i++)
    {
      RelationshipRow *row = g_ptr_array_index (self->relationships, i);

      if (row->origin < 0)
        g_ptr_array_add (family->relationships, relationship_from_row (self, row));
    }
  g_clear_pointer (&old, g_ptr_array_unref);

  old = g_steal_pointer (&family->households);
  family->households = g_ptr_array_new_with_free_func ((GDestroyNotify)cg_household_member_free);
  for (guint i = 0; i < old->len; i++)
    {
      CgHouseholdMember *m = g_ptr_array_index (old, i);
      HouseholdRow *row;

      if (g_strcmp0 (m->person, self->key) != 0)
        {
          g_ptr_array_add (family->households, g_steal_pointer (&old->pdata[i]));
          continue;
        }
      if ((row = find_household_from (self->households, (int)i)) != NULL)
        g_ptr_array_add (family->households, member_from_row (self, row));
    }
  for (guint i = 0; i < self->households->len; i++)
    {
      HouseholdRow *row = g_ptr_array_index (self->households, i);

      if (row->origin < 0)
        g_ptr_array_add (family->households, member_from_row (self, row));
    }

  if (!cg_family_validate (family, error))
    return NULL;

  return g_steal_pointer (&family);
}

void
_cg_person_editor_save (CgPersonEditor *self)
{
  g_autoptr(CgFamily) family = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CG_IS_PERSON_EDITOR (self));

  if (!(family = _cg_person_editor_dup_family (self, &error)))
    {
      gtk_label_set_text (self->problem_label, error->message);
      gtk_revealer_set_reveal_child (self->problem_revealer, TRUE);
      return;
    }

  g_signal_emit (self, signals[ACCEPTED], 0);
}

static void
on_save_cb (CgPersonEditor *self)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->save_button)))
    _cg_person_editor_save (self);
}

/* --------------------------------------------------------------- setting up */

static void
fill_in (CgPersonEditor *self)
{
  CgPerson *person = self->is_new ? NULL : cg_family_find_person (self->family, self->key);

  self->other_keys = g_ptr_array_new ();
  self->other_names = gtk_string_list_new (NULL);
  for (guint i = 0; i < self->family->people->len; i++)
    {
      CgPerson *p = g_ptr_array_index (self->family->people, i);
      g_autofree char *description = NULL;

      if (g_strcmp0 (p->key, self->key) == 0)
        continue;
      description = describe_person (p);
      g_ptr_array_add (self->other_keys, p->key);
      gtk_string_list_append (self->other_names, description);
    }
  gtk_widget_set_sensitive (self->add_relationship_button, self->other_keys->len > 0);

  adw_window_title_set_title (self->window_title,
                              self->is_new ? _("Add Person") : _("Edit Person"));
  gtk_window_set_title (GTK_WINDOW (self), self->is_new ? _("Add Person") : _("Edit Person"));

  if (person != NULL)
    {
      g_autofree char *aliases = g_strjoinv ("; ", person->aliases);

      gtk_editable_set_text (GTK_EDITABLE (self->name_row), person->name ? person->name : "");
      gtk_editable_set_text (GTK_EDITABLE (self->label_row), person->label ? person->label : "");
      gtk_editable_set_text (GTK_EDITABLE (self->aliases_row), aliases);
      adw_combo_row_set_selected (self->sex_row,
                                  person->sex == CG_SEX_FEMALE ? 1 :
                                  person->sex == CG_SEX_MALE ? 2 : 0);
      gtk_switch_set_active (self->subject_switch, person->subject);
      gtk_editable_set_text (GTK_EDITABLE (self->note_row), person->note ? person->note : "");
      gtk_editable_set_text (GTK_EDITABLE (self->born_row), person->born ? person->born : "");
      gtk_editable_set_text (GTK_EDITABLE (self->died_row), person->died ? person->died : "");

      for (guint i = 0; i < self->family->relationships->len; i++)
        {
          CgRelationship *r = g_ptr_array_index (self->family->relationships, i);

          if (g_strcmp0 (r->a, self->key) == 0 || g_strcmp0 (r->b, self->key) == 0)
            add_relationship_row (self, r, (int)i);
        }
      for (guint i = 0; i < self->family->households->len; i++)
        {
          CgHouseholdMember *m = g_ptr_array_index (self->family->households, i);

          if (g_strcmp0 (m->person, self->key) == 0)
            add_household_row (self, m, NULL, (int)i);
        }
    }

  on_changed_cb (self);
}

static char *
make_up_key (const CgFamily *family)
{
  for (guint n = family->people->len + 1;; n++)
    {
      g_autofree char *key = g_strdup_printf ("p%u", n);

      if (cg_family_find_person ((CgFamily *)family, key) == NULL)
        return g_steal_pointer (&key);
    }
}

/* ------------------------------------------------------------------ GObject */

static void
cg_person_editor_dispose (GObject *object)
{
  CgPersonEditor *self = (CgPersonEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_PERSON_EDITOR);

  g_clear_pointer (&self->relationships, g_ptr_array_unref);
  g_clear_pointer (&self->households, g_ptr_array_unref);
  g_clear_pointer (&self->other_keys, g_ptr_array_unref);
  g_clear_object (&self->other_names);
  g_clear_object (&self->kind_names);
  g_clear_pointer (&self->family, cg_family_free);

  G_OBJECT_CLASS (cg_person_editor_parent_class)->dispose (object);
}

static void
cg_person_editor_finalize (GObject *object)
{
  CgPersonEditor *self = (CgPersonEditor *)object;

  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (cg_person_editor_parent_class)->finalize (object);
}

static void
cg_person_editor_class_init (CgPersonEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_person_editor_dispose;
  object_class->finalize = cg_person_editor_finalize;

  /**
   * CgPersonEditor::accepted:
   *
   * The author saved valid details: read _cg_person_editor_dup_family().
   */
  signals[ACCEPTED] =
    g_signal_new ("accepted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronogram/Chronogram/ui/cg-person-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CgPersonEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CgPersonEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CgPersonEditor, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, CgPersonEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, CgPersonEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CgPersonEditor, label_row);
  gtk_widget_class_bind_template_child (widget_class, CgPersonEditor, aliases_row);
  gtk_widget_class_bind_template_child (widget_class, CgPersonEditor, sex_row);
  gtk_widget_class_bind_template_child (widget_class, CgPersonEditor, subject_switch);
  gtk_widget_class_bind_template_child (widget_class, CgPersonEditor, note_row);
  gtk_widget_class_bind_template_child (widget_class, CgPersonEditor, born_row);
  gtk_widget_class_bind_template_child (widget_class, CgPersonEditor, died_row);
  gtk_widget_class_bind_template_child (widget_class, CgPersonEditor, relationships_group);
  gtk_widget_class_bind_template_child (widget_class, CgPersonEditor, add_relationship_button);
  gtk_widget_class_bind_template_child (widget_class, CgPersonEditor, households_group);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_relationship_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_household_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cg_person_editor_init (CgPersonEditor *self)
{
  self->relationships = g_ptr_array_new_with_free_func ((GDestroyNotify)relationship_row_free);
  self->households = g_ptr_array_new_with_free_func (g_free);
  self->kind_names = gtk_string_list_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (kind_choices); i++)
    gtk_string_list_append (self->kind_names, _(kind_choices[i].phrase));

  gtk_widget_init_template (GTK_WIDGET (self));
}

CgPersonEditor *
cg_person_editor_new (GtkWindow      *parent,
                      const CgFamily *family,
                      const char     *key)
{
  CgPersonEditor *self;

  g_return_val_if_fail (family != NULL, NULL);

  self = g_object_new (CG_TYPE_PERSON_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->family = cg_family_copy (family);
  self->is_new = key == NULL || cg_family_find_person (self->family, key) == NULL;
  self->key = key != NULL ? g_strdup (key) : make_up_key (family);
  fill_in (self);

  return self;
}

const char *
_cg_person_editor_get_key (CgPersonEditor *self)
{
  g_return_val_if_fail (CG_IS_PERSON_EDITOR (self), NULL);

  return self->key;
}

GtkEditable *
_cg_person_editor_get_name (CgPersonEditor *self)
{
  g_return_val_if_fail (CG_IS_PERSON_EDITOR (self), NULL);

  return GTK_EDITABLE (self->name_row);
}

GtkEditable *
_cg_person_editor_get_aliases (CgPersonEditor *self)
{
  g_return_val_if_fail (CG_IS_PERSON_EDITOR (self), NULL);

  return GTK_EDITABLE (self->aliases_row);
}

GtkEditable *
_cg_person_editor_get_label (CgPersonEditor *self)
{
  g_return_val_if_fail (CG_IS_PERSON_EDITOR (self), NULL);

  return GTK_EDITABLE (self->label_row);
}
