/**
 * The local CRM's read-only HTTP view, for people trying the product and for tests.
 */
package dev.textbridge.connector.localcrm;
