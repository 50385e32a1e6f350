/**
 * The contract between the connector and a CRM: {@link dev.textbridge.crm.api.CrmAdapter} and the plain values it
 * takes and answers. Batch-first, idempotent by the keys its inputs carry, and free of any CRM library's types.
 * <p>
 * The contract test kit ({@code CrmAdapterContractTest}, {@code CrmFixture}) is published in this module's test-jar;
 * every adapter's tests extend it.
 */
package dev.textbridge.crm.api;
