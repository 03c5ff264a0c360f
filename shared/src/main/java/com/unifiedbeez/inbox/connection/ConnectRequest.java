package com.unifiedbeez.inbox.connection;

/** A connect request body (POST /api/inbox/channels/{whatsapp|email|social|telegram|sms}). */
public sealed interface ConnectRequest permits ConnectWhatsApp, ConnectEmail, ConnectSocial, ConnectTelegram, ConnectSms {
    /** The connection to verify and store, or a 422 naming every invalid field. */
    NewConnection validated();
}
