"""Signed decisions, their items, the awards they grant and their certificates are immutable in the database itself:
triggers refuse the change whoever writes (the UI, the API, the admin, a plain model save, raw SQL).

- A signed decision: no UPDATE; no DELETE (PostgreSQL trigger; on SQLite the foreign keys of its items refuse it).
- Items of a signed decision: no INSERT, UPDATE (DELETE: PostgreSQL trigger).
- An award granted on the system (source 'decision'): no UPDATE except marking it revoked once (revoked_on,
  revoked_reference), no DELETE (PostgreSQL trigger; on SQLite its decision item's foreign key refuses it).
- A certificate: no UPDATE.

SQLite deletes are left to the foreign keys because Django's test flush empties SQLite tables with DELETE (a trigger
would stop it); PostgreSQL's flush uses TRUNCATE, which row triggers do not see. Both raise an IntegrityError.
``AWARD_FIXED_COLUMNS`` must list every column of records_award but the revocation marks and updated_at
(tests/decisions/test_immutability.py checks it against the model).
"""

from django.db import migrations

AWARD_FIXED_COLUMNS = [
    "id", "created_at", "period_kind", "year", "person_id", "unit_id", "household_id", "award_type_id", "award_code",
    "commendation_kind", "counts_toward_merit", "decision_number", "decision_date", "authority_id", "authority_name",
    "achievement", "posthumous", "source", "recipient_name", "gender", "birth_year", "ethnicity_name", "is_minority",
    "is_direct_worker", "position_category", "position", "unit_name", "created_by_id",
]

MESSAGE = "signed decisions, their items, awards and certificates are immutable"

SQLITE_CREATE = [
    f"""CREATE TRIGGER decisions_signed_no_update BEFORE UPDATE ON decisions_decision
        WHEN OLD.state = 'signed' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER decisions_item_no_insert BEFORE INSERT ON decisions_decisionitem
        WHEN (SELECT state FROM decisions_decision WHERE id = NEW.decision_id) = 'signed'
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER decisions_item_no_update BEFORE UPDATE ON decisions_decisionitem
        WHEN (SELECT state FROM decisions_decision WHERE id = OLD.decision_id) = 'signed'
          OR (SELECT state FROM decisions_decision WHERE id = NEW.decision_id) = 'signed'
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER decisions_award_no_update BEFORE UPDATE ON records_award
        WHEN OLD.source = 'decision' AND (OLD.revoked_on IS NOT NULL OR {
            " OR ".join(f'NEW."{column}" IS NOT OLD."{column}"' for column in AWARD_FIXED_COLUMNS)})
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER decisions_certificate_no_update BEFORE UPDATE ON decisions_certificate
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS decisions_signed_no_update",
    "DROP TRIGGER IF EXISTS decisions_item_no_insert",
    "DROP TRIGGER IF EXISTS decisions_item_no_update",
    "DROP TRIGGER IF EXISTS decisions_award_no_update",
    "DROP TRIGGER IF EXISTS decisions_certificate_no_update",
]

_AWARD_FIXED_JSON = " - 'revoked_on' - 'revoked_reference' - 'updated_at'"
POSTGRES_CREATE = [
    # Called with PERFORM by the guards below.
    f"""CREATE OR REPLACE FUNCTION decisions_refuse() RETURNS void LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = '23000'; END $$""",
    # A trigger of its own for rows that never change (certificates).
    f"""CREATE OR REPLACE FUNCTION decisions_refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = '23000'; END $$""",
    """CREATE OR REPLACE FUNCTION decisions_guard_decision() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF OLD.state = 'signed' THEN PERFORM decisions_refuse(); END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END $$""",
    """CREATE OR REPLACE FUNCTION decisions_guard_item() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'INSERT' AND EXISTS (
               SELECT 1 FROM decisions_decision WHERE id = OLD.decision_id AND state = 'signed') THEN
            PERFORM decisions_refuse();
          END IF;
          IF TG_OP <> 'DELETE' AND EXISTS (
               SELECT 1 FROM decisions_decision WHERE id = NEW.decision_id AND state = 'signed') THEN
            PERFORM decisions_refuse();
          END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END $$""",
    f"""CREATE OR REPLACE FUNCTION decisions_guard_award() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF OLD.source = 'decision' THEN
            IF TG_OP = 'DELETE' OR OLD.revoked_on IS NOT NULL
               OR (to_jsonb(NEW){_AWARD_FIXED_JSON}) IS DISTINCT FROM (to_jsonb(OLD){_AWARD_FIXED_JSON}) THEN
              PERFORM decisions_refuse();
            END IF;
          END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END $$""",
    """CREATE TRIGGER decisions_guard_decision BEFORE UPDATE OR DELETE ON decisions_decision
        FOR EACH ROW EXECUTE FUNCTION decisions_guard_decision()""",
    """CREATE TRIGGER decisions_guard_item BEFORE INSERT OR UPDATE OR DELETE ON decisions_decisionitem
        FOR EACH ROW EXECUTE FUNCTION decisions_guard_item()""",
    """CREATE TRIGGER decisions_guard_award BEFORE UPDATE OR DELETE ON records_award
        FOR EACH ROW EXECUTE FUNCTION decisions_guard_award()""",
    """CREATE TRIGGER decisions_guard_certificate BEFORE UPDATE OR DELETE ON decisions_certificate
        FOR EACH ROW EXECUTE FUNCTION decisions_refuse_row()""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS decisions_guard_certificate ON decisions_certificate",
    "DROP TRIGGER IF EXISTS decisions_guard_award ON records_award",
    "DROP TRIGGER IF EXISTS decisions_guard_item ON decisions_decisionitem",
    "DROP TRIGGER IF EXISTS decisions_guard_decision ON decisions_decision",
    "DROP FUNCTION IF EXISTS decisions_guard_award()",
    "DROP FUNCTION IF EXISTS decisions_guard_item()",
    "DROP FUNCTION IF EXISTS decisions_guard_decision()",
    "DROP FUNCTION IF EXISTS decisions_refuse_row()",
    "DROP FUNCTION IF EXISTS decisions_refuse()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0001_initial"),
        ("records", "0002_award_revoked_on_award_revoked_reference"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
