/**
 * The canonical message model every provider maps onto: numbers, inbound messages, delivery reports.
 */
package dev.textbridge.mappings.model;
