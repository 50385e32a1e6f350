/**
 * The local CRM: an embedded CRM for evaluation, development and tests. Users, teams, contacts, accounts,
 * opportunities, leads and text-message activities live in tables prefixed {@code local_crm_} of the database the
 * connector already uses, seeded from a YAML file.
 * <p>
 * {@link dev.textbridge.crm.local.LocalCrm} is the public surface and the reference implementation of the
 * {@link dev.textbridge.crm.api.CrmAdapter} contract; {@link dev.textbridge.crm.local.LocalRecord} and
 * {@link dev.textbridge.crm.local.LocalActivity} are what its read-only views show. Everything else in this package
 * is package-private.
 */
package dev.textbridge.crm.local;
