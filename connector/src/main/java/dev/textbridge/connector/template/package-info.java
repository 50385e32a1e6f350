/**
 * Message templates and their merge fields.
 */
package dev.textbridge.connector.template;
