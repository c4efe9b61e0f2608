package org.clearwatch.notifier.plan;

/** How a push reaches a recipient. */
public enum Channel {
    /** A generic HTTPS endpoint, signed the Standard Webhooks way. */
    WEBHOOK,
    /** A WeCom (企业微信) group robot. */
    WECOM,
    /** A DingTalk (钉钉) custom robot with a signed URL. */
    DINGTALK,
    /** E-mail over SMTP with STARTTLS. */
    EMAIL
}
