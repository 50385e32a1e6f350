import { LightningElement, api } from 'lwc';
import mint from '@salesforce/apex/TextbridgePanelToken.mint';

// The panel's record types, by the object the page shows.
const RECORD_TYPES = { Contact: 'contact', Account: 'account', Lead: 'lead', Opportunity: 'opportunity' };

/**
 * Textbridge's conversation panel in a frame: on a Contact, Account, Lead or Opportunity page the record's
 * conversations ({connector}/panel/?type=contact&id=003...), on the "My text messages" tab the seller's list
 * ({connector}/panel/?view=messages). The seller's token goes in the fragment, which browsers never send to a server.
 */
export default class TextbridgePanel extends LightningElement {
    @api recordId;
    @api objectApiName;
    @api height = 600;

    src;
    error;

    connectedCallback() {
        this.open();
    }

    async open() {
        try {
            const access = await mint();
            this.src = `${access.panelUrl}?${this.query()}#token=${encodeURIComponent(access.token)}`;
        } catch (e) {
            this.error = e?.body?.message ?? 'The text message panel could not be opened.';
        }
    }

    query() {
        if (!this.recordId) {
            return 'view=messages';
        }
        const type = RECORD_TYPES[this.objectApiName] ?? String(this.objectApiName).toLowerCase();
        return `type=${encodeURIComponent(type)}&id=${encodeURIComponent(this.recordId)}`;
    }

    get frameStyle() {
        return `height: ${this.height}px`;
    }

    get title() {
        return this.recordId ? 'Text messages' : 'My text messages';
    }
}
