/** The five generated payload sets of 12.* and 13.* (CompressionPayloads and its generators). */
package org.wsconform.cases.payloads;
