/**
 * Declarative CRM field mappings: which object and fields hold a text message written as an activity, loaded from
 * YAML that an admin can override ({@link ActivityMappings}).
 */
package dev.textbridge.mappings.crm;
