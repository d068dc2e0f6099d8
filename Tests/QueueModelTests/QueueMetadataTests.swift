// Tests of `QueueMetadata`: the reserved-key checks of reference doc §7, the defaults shown on reads (§4.3) and
// the settings the engine acts on (§7.1, §7.2). The validation and default tables were measured by running
// zaqar 15.0.0's own code (see `PythonMetadataVectors`).
import QueueModel
import Testing

/// What the reference does with a metadata object on PUT or PATCH.
enum Reference: Sendable {
    case accepted
    /// 400 with this description.
    case rejected(String)
    /// The reference's check raises `TypeError` (its answer is a 503); Flotilla must refuse the value with some
    /// description instead (the doc's §12 row 8 policy: bad input is a 400, never a server error).
    case crashes
}

/// Vectors measured with zaqar 15.0.0 (the `python3-zaqar` release the doc describes), CPython 3.11:
/// - `pythonValidation`: `Validator.queue_metadata_putting(json.loads(metadata))` from the wheel's
///   `zaqar/transport/validation.py`, loaded with its config stubbed by the default limits (max message TTL
///   1209600, max post size 262144, max delay 900); the outcome is None, the `ValidationFailed` text, or a
///   `TypeError`. Inputs: each reserved key (plus `_dead_letter_queue`, `_retry_policy` and a free key `x`) with
///   each value of `0, -0, 1, -1, 59, 60, 61, 900, 901, 3600, 262144, 262145, 1209600, 1209601, ±2^63 edges, true,
///   false, 0.0, -0.0, 1.5, 120.0, 1e3, "", "x", "60", null, [], [1], {}, {"a":1}`; then combinations where two
///   keys are bad (which one is reported first) and `_retry_policy` fields.
/// - `pythonDefaults`: the loop of `queues.py` `on_get` — `for meta, value in reserved.items(): if not
///   d.get(meta): d[meta] = value` — then `json.dumps(d)`.
///
/// The generator scripts are reproduced at the end of this file.
enum PythonMetadataVectors {
    static let pythonValidation: [(metadata: String, reference: Reference)] = [
        (
            #"{"_default_message_ttl":0}"#,
            .rejected(#"_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_default_message_ttl":-0}"#,
            .rejected(#"_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_default_message_ttl":1}"#,
            .rejected(#"_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_default_message_ttl":-1}"#,
            .rejected(#"_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_default_message_ttl":59}"#,
            .rejected(#"_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (#"{"_default_message_ttl":60}"#, .accepted),
        (#"{"_default_message_ttl":61}"#, .accepted),
        (#"{"_default_message_ttl":900}"#, .accepted),
        (#"{"_default_message_ttl":901}"#, .accepted),
        (#"{"_default_message_ttl":3600}"#, .accepted),
        (#"{"_default_message_ttl":262144}"#, .accepted),
        (#"{"_default_message_ttl":262145}"#, .accepted),
        (#"{"_default_message_ttl":1209600}"#, .accepted),
        (
            #"{"_default_message_ttl":1209601}"#,
            .rejected(#"_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_default_message_ttl":9223372036854775807}"#,
            .rejected(#"_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_default_message_ttl":-9223372036854775808}"#,
            .rejected(#"_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_default_message_ttl":true}"#,
            .rejected(#"_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_default_message_ttl":false}"#,
            .rejected(#"_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_default_message_ttl":0.0}"#,
            .rejected(#"_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_default_message_ttl":-0.0}"#,
            .rejected(#"_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (#"{"_default_message_ttl":1.5}"#, .rejected(#"_default_message_ttl must be integer."#)),
        (#"{"_default_message_ttl":120.0}"#, .rejected(#"_default_message_ttl must be integer."#)),
        (#"{"_default_message_ttl":1e3}"#, .rejected(#"_default_message_ttl must be integer."#)),
        (#"{"_default_message_ttl":""}"#, .crashes),
        (#"{"_default_message_ttl":"x"}"#, .rejected(#"_default_message_ttl must be integer."#)),
        (#"{"_default_message_ttl":"60"}"#, .rejected(#"_default_message_ttl must be integer."#)),
        (#"{"_default_message_ttl":null}"#, .accepted),
        (#"{"_default_message_ttl":[]}"#, .crashes),
        (#"{"_default_message_ttl":[1]}"#, .rejected(#"_default_message_ttl must be integer."#)),
        (#"{"_default_message_ttl":{}}"#, .crashes),
        (#"{"_default_message_ttl":{"a":1}}"#, .rejected(#"_default_message_ttl must be integer."#)),
        (
            #"{"_max_messages_post_size":0}"#,
            .rejected(#"_max_messages_post_size can not exceed 262144,  and must be at least greater than 0."#)
        ),
        (
            #"{"_max_messages_post_size":-0}"#,
            .rejected(#"_max_messages_post_size can not exceed 262144,  and must be at least greater than 0."#)
        ),
        (#"{"_max_messages_post_size":1}"#, .accepted),
        (
            #"{"_max_messages_post_size":-1}"#,
            .rejected(#"_max_messages_post_size can not exceed 262144,  and must be at least greater than 0."#)
        ),
        (#"{"_max_messages_post_size":59}"#, .accepted),
        (#"{"_max_messages_post_size":60}"#, .accepted),
        (#"{"_max_messages_post_size":61}"#, .accepted),
        (#"{"_max_messages_post_size":900}"#, .accepted),
        (#"{"_max_messages_post_size":901}"#, .accepted),
        (#"{"_max_messages_post_size":3600}"#, .accepted),
        (#"{"_max_messages_post_size":262144}"#, .accepted),
        (
            #"{"_max_messages_post_size":262145}"#,
            .rejected(#"_max_messages_post_size can not exceed 262144,  and must be at least greater than 0."#)
        ),
        (
            #"{"_max_messages_post_size":1209600}"#,
            .rejected(#"_max_messages_post_size can not exceed 262144,  and must be at least greater than 0."#)
        ),
        (
            #"{"_max_messages_post_size":1209601}"#,
            .rejected(#"_max_messages_post_size can not exceed 262144,  and must be at least greater than 0."#)
        ),
        (
            #"{"_max_messages_post_size":9223372036854775807}"#,
            .rejected(#"_max_messages_post_size can not exceed 262144,  and must be at least greater than 0."#)
        ),
        (
            #"{"_max_messages_post_size":-9223372036854775808}"#,
            .rejected(#"_max_messages_post_size can not exceed 262144,  and must be at least greater than 0."#)
        ),
        (#"{"_max_messages_post_size":true}"#, .accepted),
        (
            #"{"_max_messages_post_size":false}"#,
            .rejected(#"_max_messages_post_size can not exceed 262144,  and must be at least greater than 0."#)
        ),
        (
            #"{"_max_messages_post_size":0.0}"#,
            .rejected(#"_max_messages_post_size can not exceed 262144,  and must be at least greater than 0."#)
        ),
        (
            #"{"_max_messages_post_size":-0.0}"#,
            .rejected(#"_max_messages_post_size can not exceed 262144,  and must be at least greater than 0."#)
        ),
        (#"{"_max_messages_post_size":1.5}"#, .rejected(#"_max_messages_post_size must be integer."#)),
        (#"{"_max_messages_post_size":120.0}"#, .rejected(#"_max_messages_post_size must be integer."#)),
        (#"{"_max_messages_post_size":1e3}"#, .rejected(#"_max_messages_post_size must be integer."#)),
        (#"{"_max_messages_post_size":""}"#, .crashes),
        (#"{"_max_messages_post_size":"x"}"#, .rejected(#"_max_messages_post_size must be integer."#)),
        (#"{"_max_messages_post_size":"60"}"#, .rejected(#"_max_messages_post_size must be integer."#)),
        (#"{"_max_messages_post_size":null}"#, .accepted),
        (#"{"_max_messages_post_size":[]}"#, .crashes),
        (#"{"_max_messages_post_size":[1]}"#, .rejected(#"_max_messages_post_size must be integer."#)),
        (#"{"_max_messages_post_size":{}}"#, .crashes),
        (#"{"_max_messages_post_size":{"a":1}}"#, .rejected(#"_max_messages_post_size must be integer."#)),
        (#"{"_default_message_delay":0}"#, .accepted),
        (#"{"_default_message_delay":-0}"#, .accepted),
        (#"{"_default_message_delay":1}"#, .accepted),
        (
            #"{"_default_message_delay":-1}"#,
            .rejected(#"The TTL can not exceed 900 seconds, and must be at least 0 seconds long."#)
        ),
        (#"{"_default_message_delay":59}"#, .accepted),
        (#"{"_default_message_delay":60}"#, .accepted),
        (#"{"_default_message_delay":61}"#, .accepted),
        (#"{"_default_message_delay":900}"#, .accepted),
        (
            #"{"_default_message_delay":901}"#,
            .rejected(#"The TTL can not exceed 900 seconds, and must be at least 0 seconds long."#)
        ),
        (
            #"{"_default_message_delay":3600}"#,
            .rejected(#"The TTL can not exceed 900 seconds, and must be at least 0 seconds long."#)
        ),
        (
            #"{"_default_message_delay":262144}"#,
            .rejected(#"The TTL can not exceed 900 seconds, and must be at least 0 seconds long."#)
        ),
        (
            #"{"_default_message_delay":262145}"#,
            .rejected(#"The TTL can not exceed 900 seconds, and must be at least 0 seconds long."#)
        ),
        (
            #"{"_default_message_delay":1209600}"#,
            .rejected(#"The TTL can not exceed 900 seconds, and must be at least 0 seconds long."#)
        ),
        (
            #"{"_default_message_delay":1209601}"#,
            .rejected(#"The TTL can not exceed 900 seconds, and must be at least 0 seconds long."#)
        ),
        (
            #"{"_default_message_delay":9223372036854775807}"#,
            .rejected(#"The TTL can not exceed 900 seconds, and must be at least 0 seconds long."#)
        ),
        (
            #"{"_default_message_delay":-9223372036854775808}"#,
            .rejected(#"The TTL can not exceed 900 seconds, and must be at least 0 seconds long."#)
        ),
        (#"{"_default_message_delay":true}"#, .accepted),
        (#"{"_default_message_delay":false}"#, .accepted),
        (#"{"_default_message_delay":0.0}"#, .accepted),
        (#"{"_default_message_delay":-0.0}"#, .accepted),
        (#"{"_default_message_delay":1.5}"#, .rejected(#"_default_message_delay must be integer."#)),
        (#"{"_default_message_delay":120.0}"#, .rejected(#"_default_message_delay must be integer."#)),
        (#"{"_default_message_delay":1e3}"#, .rejected(#"_default_message_delay must be integer."#)),
        (#"{"_default_message_delay":""}"#, .crashes),
        (#"{"_default_message_delay":"x"}"#, .rejected(#"_default_message_delay must be integer."#)),
        (#"{"_default_message_delay":"60"}"#, .rejected(#"_default_message_delay must be integer."#)),
        (#"{"_default_message_delay":null}"#, .accepted),
        (#"{"_default_message_delay":[]}"#, .crashes),
        (#"{"_default_message_delay":[1]}"#, .rejected(#"_default_message_delay must be integer."#)),
        (#"{"_default_message_delay":{}}"#, .crashes),
        (#"{"_default_message_delay":{"a":1}}"#, .rejected(#"_default_message_delay must be integer."#)),
        (#"{"_max_claim_count":0}"#, .accepted),
        (#"{"_max_claim_count":-0}"#, .accepted),
        (#"{"_max_claim_count":1}"#, .accepted),
        (#"{"_max_claim_count":-1}"#, .accepted),
        (#"{"_max_claim_count":59}"#, .accepted),
        (#"{"_max_claim_count":60}"#, .accepted),
        (#"{"_max_claim_count":61}"#, .accepted),
        (#"{"_max_claim_count":900}"#, .accepted),
        (#"{"_max_claim_count":901}"#, .accepted),
        (#"{"_max_claim_count":3600}"#, .accepted),
        (#"{"_max_claim_count":262144}"#, .accepted),
        (#"{"_max_claim_count":262145}"#, .accepted),
        (#"{"_max_claim_count":1209600}"#, .accepted),
        (#"{"_max_claim_count":1209601}"#, .accepted),
        (#"{"_max_claim_count":9223372036854775807}"#, .accepted),
        (#"{"_max_claim_count":-9223372036854775808}"#, .accepted),
        (#"{"_max_claim_count":true}"#, .accepted),
        (#"{"_max_claim_count":false}"#, .accepted),
        (#"{"_max_claim_count":0.0}"#, .accepted),
        (#"{"_max_claim_count":-0.0}"#, .accepted),
        (#"{"_max_claim_count":1.5}"#, .rejected(#"_max_claim_count must be integer."#)),
        (#"{"_max_claim_count":120.0}"#, .rejected(#"_max_claim_count must be integer."#)),
        (#"{"_max_claim_count":1e3}"#, .rejected(#"_max_claim_count must be integer."#)),
        (#"{"_max_claim_count":""}"#, .accepted),
        (#"{"_max_claim_count":"x"}"#, .rejected(#"_max_claim_count must be integer."#)),
        (#"{"_max_claim_count":"60"}"#, .rejected(#"_max_claim_count must be integer."#)),
        (#"{"_max_claim_count":null}"#, .accepted),
        (#"{"_max_claim_count":[]}"#, .accepted),
        (#"{"_max_claim_count":[1]}"#, .rejected(#"_max_claim_count must be integer."#)),
        (#"{"_max_claim_count":{}}"#, .accepted),
        (#"{"_max_claim_count":{"a":1}}"#, .rejected(#"_max_claim_count must be integer."#)),
        (#"{"_dead_letter_queue":0}"#, .accepted),
        (#"{"_dead_letter_queue":-0}"#, .accepted),
        (#"{"_dead_letter_queue":1}"#, .accepted),
        (#"{"_dead_letter_queue":-1}"#, .accepted),
        (#"{"_dead_letter_queue":59}"#, .accepted),
        (#"{"_dead_letter_queue":60}"#, .accepted),
        (#"{"_dead_letter_queue":61}"#, .accepted),
        (#"{"_dead_letter_queue":900}"#, .accepted),
        (#"{"_dead_letter_queue":901}"#, .accepted),
        (#"{"_dead_letter_queue":3600}"#, .accepted),
        (#"{"_dead_letter_queue":262144}"#, .accepted),
        (#"{"_dead_letter_queue":262145}"#, .accepted),
        (#"{"_dead_letter_queue":1209600}"#, .accepted),
        (#"{"_dead_letter_queue":1209601}"#, .accepted),
        (#"{"_dead_letter_queue":9223372036854775807}"#, .accepted),
        (#"{"_dead_letter_queue":-9223372036854775808}"#, .accepted),
        (#"{"_dead_letter_queue":true}"#, .accepted),
        (#"{"_dead_letter_queue":false}"#, .accepted),
        (#"{"_dead_letter_queue":0.0}"#, .accepted),
        (#"{"_dead_letter_queue":-0.0}"#, .accepted),
        (#"{"_dead_letter_queue":1.5}"#, .accepted),
        (#"{"_dead_letter_queue":120.0}"#, .accepted),
        (#"{"_dead_letter_queue":1e3}"#, .accepted),
        (#"{"_dead_letter_queue":""}"#, .accepted),
        (#"{"_dead_letter_queue":"x"}"#, .accepted),
        (#"{"_dead_letter_queue":"60"}"#, .accepted),
        (#"{"_dead_letter_queue":null}"#, .accepted),
        (#"{"_dead_letter_queue":[]}"#, .accepted),
        (#"{"_dead_letter_queue":[1]}"#, .accepted),
        (#"{"_dead_letter_queue":{}}"#, .accepted),
        (#"{"_dead_letter_queue":{"a":1}}"#, .accepted),
        (
            #"{"_dead_letter_queue_messages_ttl":0}"#,
            .rejected(#"The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_dead_letter_queue_messages_ttl":-0}"#,
            .rejected(#"The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_dead_letter_queue_messages_ttl":1}"#,
            .rejected(#"The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_dead_letter_queue_messages_ttl":-1}"#,
            .rejected(#"The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_dead_letter_queue_messages_ttl":59}"#,
            .rejected(#"The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (#"{"_dead_letter_queue_messages_ttl":60}"#, .accepted),
        (#"{"_dead_letter_queue_messages_ttl":61}"#, .accepted),
        (#"{"_dead_letter_queue_messages_ttl":900}"#, .accepted),
        (#"{"_dead_letter_queue_messages_ttl":901}"#, .accepted),
        (#"{"_dead_letter_queue_messages_ttl":3600}"#, .accepted),
        (#"{"_dead_letter_queue_messages_ttl":262144}"#, .accepted),
        (#"{"_dead_letter_queue_messages_ttl":262145}"#, .accepted),
        (#"{"_dead_letter_queue_messages_ttl":1209600}"#, .accepted),
        (
            #"{"_dead_letter_queue_messages_ttl":1209601}"#,
            .rejected(#"The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_dead_letter_queue_messages_ttl":9223372036854775807}"#,
            .rejected(#"The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_dead_letter_queue_messages_ttl":-9223372036854775808}"#,
            .rejected(#"The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_dead_letter_queue_messages_ttl":true}"#,
            .rejected(#"The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_dead_letter_queue_messages_ttl":false}"#,
            .rejected(#"The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_dead_letter_queue_messages_ttl":0.0}"#,
            .rejected(#"The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_dead_letter_queue_messages_ttl":-0.0}"#,
            .rejected(#"The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (#"{"_dead_letter_queue_messages_ttl":1.5}"#, .rejected(#"_dead_letter_queue_messages_ttl must be integer."#)),
        (
            #"{"_dead_letter_queue_messages_ttl":120.0}"#,
            .rejected(#"_dead_letter_queue_messages_ttl must be integer."#)
        ),
        (#"{"_dead_letter_queue_messages_ttl":1e3}"#, .rejected(#"_dead_letter_queue_messages_ttl must be integer."#)),
        (#"{"_dead_letter_queue_messages_ttl":""}"#, .crashes),
        (#"{"_dead_letter_queue_messages_ttl":"x"}"#, .rejected(#"_dead_letter_queue_messages_ttl must be integer."#)),
        (#"{"_dead_letter_queue_messages_ttl":"60"}"#, .rejected(#"_dead_letter_queue_messages_ttl must be integer."#)),
        (#"{"_dead_letter_queue_messages_ttl":null}"#, .accepted),
        (#"{"_dead_letter_queue_messages_ttl":[]}"#, .crashes),
        (#"{"_dead_letter_queue_messages_ttl":[1]}"#, .rejected(#"_dead_letter_queue_messages_ttl must be integer."#)),
        (#"{"_dead_letter_queue_messages_ttl":{}}"#, .crashes),
        (
            #"{"_dead_letter_queue_messages_ttl":{"a":1}}"#,
            .rejected(#"_dead_letter_queue_messages_ttl must be integer."#)
        ),
        (#"{"_enable_encrypt_messages":0}"#, .accepted),
        (#"{"_enable_encrypt_messages":-0}"#, .accepted),
        (#"{"_enable_encrypt_messages":1}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_enable_encrypt_messages":-1}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_enable_encrypt_messages":59}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_enable_encrypt_messages":60}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_enable_encrypt_messages":61}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_enable_encrypt_messages":900}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_enable_encrypt_messages":901}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_enable_encrypt_messages":3600}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_enable_encrypt_messages":262144}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_enable_encrypt_messages":262145}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_enable_encrypt_messages":1209600}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_enable_encrypt_messages":1209601}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (
            #"{"_enable_encrypt_messages":9223372036854775807}"#,
            .rejected(#"_enable_encrypt_messages must be boolean."#)
        ),
        (
            #"{"_enable_encrypt_messages":-9223372036854775808}"#,
            .rejected(#"_enable_encrypt_messages must be boolean."#)
        ),
        (#"{"_enable_encrypt_messages":true}"#, .accepted),
        (#"{"_enable_encrypt_messages":false}"#, .accepted),
        (#"{"_enable_encrypt_messages":0.0}"#, .accepted),
        (#"{"_enable_encrypt_messages":-0.0}"#, .accepted),
        (#"{"_enable_encrypt_messages":1.5}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_enable_encrypt_messages":120.0}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_enable_encrypt_messages":1e3}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_enable_encrypt_messages":""}"#, .accepted),
        (#"{"_enable_encrypt_messages":"x"}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_enable_encrypt_messages":"60"}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_enable_encrypt_messages":null}"#, .accepted),
        (#"{"_enable_encrypt_messages":[]}"#, .accepted),
        (#"{"_enable_encrypt_messages":[1]}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_enable_encrypt_messages":{}}"#, .accepted),
        (#"{"_enable_encrypt_messages":{"a":1}}"#, .rejected(#"_enable_encrypt_messages must be boolean."#)),
        (#"{"_retry_policy":0}"#, .accepted),
        (#"{"_retry_policy":-0}"#, .accepted),
        (#"{"_retry_policy":1}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":-1}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":59}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":60}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":61}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":900}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":901}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":3600}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":262144}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":262145}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":1209600}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":1209601}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":9223372036854775807}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":-9223372036854775808}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":true}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":false}"#, .accepted),
        (#"{"_retry_policy":0.0}"#, .accepted),
        (#"{"_retry_policy":-0.0}"#, .accepted),
        (#"{"_retry_policy":1.5}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":120.0}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":1e3}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":""}"#, .accepted),
        (#"{"_retry_policy":"x"}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":"60"}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":null}"#, .accepted),
        (#"{"_retry_policy":[]}"#, .accepted),
        (#"{"_retry_policy":[1]}"#, .rejected(#"retry_policy must be a dict."#)),
        (#"{"_retry_policy":{}}"#, .accepted),
        (#"{"_retry_policy":{"a":1}}"#, .accepted),
        (#"{"x":0}"#, .accepted),
        (#"{"x":-0}"#, .accepted),
        (#"{"x":1}"#, .accepted),
        (#"{"x":-1}"#, .accepted),
        (#"{"x":59}"#, .accepted),
        (#"{"x":60}"#, .accepted),
        (#"{"x":61}"#, .accepted),
        (#"{"x":900}"#, .accepted),
        (#"{"x":901}"#, .accepted),
        (#"{"x":3600}"#, .accepted),
        (#"{"x":262144}"#, .accepted),
        (#"{"x":262145}"#, .accepted),
        (#"{"x":1209600}"#, .accepted),
        (#"{"x":1209601}"#, .accepted),
        (#"{"x":9223372036854775807}"#, .accepted),
        (#"{"x":-9223372036854775808}"#, .accepted),
        (#"{"x":true}"#, .accepted),
        (#"{"x":false}"#, .accepted),
        (#"{"x":0.0}"#, .accepted),
        (#"{"x":-0.0}"#, .accepted),
        (#"{"x":1.5}"#, .accepted),
        (#"{"x":120.0}"#, .accepted),
        (#"{"x":1e3}"#, .accepted),
        (#"{"x":""}"#, .accepted),
        (#"{"x":"x"}"#, .accepted),
        (#"{"x":"60"}"#, .accepted),
        (#"{"x":null}"#, .accepted),
        (#"{"x":[]}"#, .accepted),
        (#"{"x":[1]}"#, .accepted),
        (#"{"x":{}}"#, .accepted),
        (#"{"x":{"a":1}}"#, .accepted),
        (
            #"{"_default_message_ttl":1,"_max_messages_post_size":0}"#,
            .rejected(#"_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_max_messages_post_size":0,"_default_message_delay":-1}"#,
            .rejected(#"_max_messages_post_size can not exceed 262144,  and must be at least greater than 0."#)
        ),
        (
            #"{"_default_message_delay":1000,"_dead_letter_queue_messages_ttl":1}"#,
            .rejected(#"The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (#"{"_default_message_delay":1.5,"_max_claim_count":1.5}"#, .rejected(#"_max_claim_count must be integer."#)),
        (
            #"{"_max_claim_count":"x","_dead_letter_queue_messages_ttl":"x"}"#,
            .rejected(#"_max_claim_count must be integer."#)
        ),
        (
            #"{"_dead_letter_queue_messages_ttl":5,"_default_message_delay":"x"}"#,
            .rejected(#"The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (
            #"{"_enable_encrypt_messages":1,"_retry_policy":1}"#,
            .rejected(#"_enable_encrypt_messages must be boolean."#)
        ),
        (
            #"{"_default_message_delay":-1,"_enable_encrypt_messages":"yes"}"#,
            .rejected(#"The TTL can not exceed 900 seconds, and must be at least 0 seconds long."#)
        ),
        (
            #"{"_retry_policy":1,"_default_message_ttl":1}"#,
            .rejected(#"_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."#)
        ),
        (#"{}"#, .accepted),
        (#"{"_retry_policy":{"retry_backoff_function":"cubic"}}"#, .rejected(#"invalid retry_backoff_function."#)),
        (#"{"_retry_policy":{"retry_backoff_function":7}}"#, .rejected(#"retry_backoff_function must be a string."#)),
        (#"{"_retry_policy":{"retry_backoff_function":"geometric"}}"#, .accepted),
        (
            #"{"_retry_policy":{"ignore_subscription_override":1}}"#,
            .rejected(#"ignore_subscription_override must be a boolean."#)
        ),
        (#"{"_retry_policy":{"ignore_subscription_override":true}}"#, .accepted),
        (#"{"_retry_policy":{"minimum_delay":1.5}}"#, .rejected(#"Retry policy: minimum_delay must be a integer."#)),
        (
            #"{"_retry_policy":{"retries_with_no_delay":"3"}}"#,
            .rejected(#"Retry policy: retries_with_no_delay must be a integer."#)
        ),
        (
            #"{"_retry_policy":{"minimum_delay":30,"maximum_delay":5}}"#,
            .rejected(#"minimum_delay must less than maximum_delay."#)
        ),
        (
            #"{"_retry_policy":{"minimum_delay":5,"maximum_delay":10}}"#,
            .rejected(#"invalid minimum_delay and maximum_delay."#)
        ),
        (#"{"_retry_policy":{"minimum_delay":5,"maximum_delay":15}}"#, .accepted),
        (#"{"_retry_policy":{"minimum_delay":5,"maximum_delay":20}}"#, .accepted),
        (#"{"_retry_policy":{"x":1}}"#, .accepted),
    ]
    static let pythonDefaults: [(stored: String, shown: String)] = [
        (
            #"{}"#,
            #"{"_max_messages_post_size": 262144, "_default_message_ttl": 3600, "_default_message_delay": 0, "_dead_letter_queue": null, "_dead_letter_queue_messages_ttl": null, "_max_claim_count": null, "_enable_encrypt_messages": false}"#
        ),
        (
            #"{"a":1}"#,
            #"{"a": 1, "_max_messages_post_size": 262144, "_default_message_ttl": 3600, "_default_message_delay": 0, "_dead_letter_queue": null, "_dead_letter_queue_messages_ttl": null, "_max_claim_count": null, "_enable_encrypt_messages": false}"#
        ),
        (
            #"{"a":1,"_default_message_ttl":120}"#,
            #"{"a": 1, "_default_message_ttl": 120, "_max_messages_post_size": 262144, "_default_message_delay": 0, "_dead_letter_queue": null, "_dead_letter_queue_messages_ttl": null, "_max_claim_count": null, "_enable_encrypt_messages": false}"#
        ),
        (
            #"{"_max_claim_count":0}"#,
            #"{"_max_claim_count": null, "_max_messages_post_size": 262144, "_default_message_ttl": 3600, "_default_message_delay": 0, "_dead_letter_queue": null, "_dead_letter_queue_messages_ttl": null, "_enable_encrypt_messages": false}"#
        ),
        (
            #"{"_max_claim_count":2,"z":[]}"#,
            #"{"_max_claim_count": 2, "z": [], "_max_messages_post_size": 262144, "_default_message_ttl": 3600, "_default_message_delay": 0, "_dead_letter_queue": null, "_dead_letter_queue_messages_ttl": null, "_enable_encrypt_messages": false}"#
        ),
        (
            #"{"_enable_encrypt_messages":true,"_default_message_delay":0,"b":null}"#,
            #"{"_enable_encrypt_messages": true, "_default_message_delay": 0, "b": null, "_max_messages_post_size": 262144, "_default_message_ttl": 3600, "_dead_letter_queue": null, "_dead_letter_queue_messages_ttl": null, "_max_claim_count": null}"#
        ),
        (
            #"{"_dead_letter_queue":"","_max_messages_post_size":1024}"#,
            #"{"_dead_letter_queue": null, "_max_messages_post_size": 1024, "_default_message_ttl": 3600, "_default_message_delay": 0, "_dead_letter_queue_messages_ttl": null, "_max_claim_count": null, "_enable_encrypt_messages": false}"#
        ),
        (
            #"{"_dead_letter_queue_messages_ttl":7799,"_max_claim_count":2,"_dead_letter_queue":"dlq"}"#,
            #"{"_dead_letter_queue_messages_ttl": 7799, "_max_claim_count": 2, "_dead_letter_queue": "dlq", "_max_messages_post_size": 262144, "_default_message_ttl": 3600, "_default_message_delay": 0, "_enable_encrypt_messages": false}"#
        ),
        (
            #"{"_default_message_delay":0.0,"_enable_encrypt_messages":false,"_max_claim_count":null,"k":"v"}"#,
            #"{"_default_message_delay": 0, "_enable_encrypt_messages": false, "_max_claim_count": null, "k": "v", "_max_messages_post_size": 262144, "_default_message_ttl": 3600, "_dead_letter_queue": null, "_dead_letter_queue_messages_ttl": null}"#
        ),
        (
            #"{"z":1,"_dead_letter_queue":"dlq","y":2,"_max_messages_post_size":0,"x":3}"#,
            #"{"z": 1, "_dead_letter_queue": "dlq", "y": 2, "_max_messages_post_size": 262144, "x": 3, "_default_message_ttl": 3600, "_default_message_delay": 0, "_dead_letter_queue_messages_ttl": null, "_max_claim_count": null, "_enable_encrypt_messages": false}"#
        ),
        (
            #"{"_max_messages_post_size":262144,"_default_message_ttl":3600,"_default_message_delay":0,"_dead_letter_queue":null,"_dead_letter_queue_messages_ttl":null,"_max_claim_count":null,"_enable_encrypt_messages":false}"#,
            #"{"_max_messages_post_size": 262144, "_default_message_ttl": 3600, "_default_message_delay": 0, "_dead_letter_queue": null, "_dead_letter_queue_messages_ttl": null, "_max_claim_count": null, "_enable_encrypt_messages": false}"#
        ),
        (
            #"{"_enable_encrypt_messages":false,"_max_claim_count":null,"_dead_letter_queue_messages_ttl":null,"_dead_letter_queue":null,"_default_message_delay":0,"_default_message_ttl":3600,"_max_messages_post_size":262144}"#,
            #"{"_enable_encrypt_messages": false, "_max_claim_count": null, "_dead_letter_queue_messages_ttl": null, "_dead_letter_queue": null, "_default_message_delay": 0, "_default_message_ttl": 3600, "_max_messages_post_size": 262144}"#
        ),
        (
            #"{"_retry_policy":{},"_flavor":"","_default_message_ttl":false}"#,
            #"{"_retry_policy": {}, "_flavor": "", "_default_message_ttl": 3600, "_max_messages_post_size": 262144, "_default_message_delay": 0, "_dead_letter_queue": null, "_dead_letter_queue_messages_ttl": null, "_max_claim_count": null, "_enable_encrypt_messages": false}"#
        ),
    ]
}

@Suite struct QueueMetadataTests {
    static func object(_ text: String) throws -> JSONObject {
        try #require(try JSONParser.parse(text).objectValue, "\(text) is an object")
    }

    // MARK: Validation (§7)

    /// Goal: `validationError` accepts and refuses exactly what the reference does, with the reference's exact
    /// description — every row of §7's table, Python truthiness (`0`, `false`, `""`, `0.0`, `null` skip the type
    /// check and then meet the range check), booleans counting as integers, the check order when two keys are bad,
    /// and `_retry_policy`'s fields. Method: one case per measured vector.
    @Test(arguments: PythonMetadataVectors.pythonValidation.indices)
    func validationMatchesReference(_ index: Int) throws {
        let vector = PythonMetadataVectors.pythonValidation[index]
        let error = QueueMetadata.validationError(try Self.object(vector.metadata))
        switch vector.reference {
        case .accepted:
            #expect(error == nil, "\(vector.metadata): the reference accepts it")
        case .rejected(let description):
            #expect(error == description, "\(vector.metadata)")
        case .crashes:
            #expect(error != nil, "\(vector.metadata): the reference fails with TypeError; Flotilla must refuse it")
        }
    }

    /// Goal: the statements §7 makes in words hold, independently of the measured table. Method: the doc's own
    /// examples — `_default_message_ttl: 0` fails its range, booleans are integers, the post-size message has two
    /// spaces, `_dead_letter_queue` and free keys are not checked, `_max_claim_count` has no range.
    @Test func documentedExamples() throws {
        func error(_ text: String) throws -> String? { QueueMetadata.validationError(try Self.object(text)) }
        #expect(
            try error(#"{"_default_message_ttl": 0}"#)
                == "_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long.")
        #expect(try error(#"{"_default_message_ttl": "600"}"#) == "_default_message_ttl must be integer.")
        #expect(try error(#"{"_default_message_delay": true}"#) == nil, "true is 1, inside [0, 900]")
        #expect(
            try error(#"{"_max_messages_post_size": 262145}"#)
                == "_max_messages_post_size can not exceed 262144,  and must be at least greater than 0.")
        #expect(try error(#"{"_max_claim_count": -5}"#) == nil)
        #expect(try error(#"{"_max_claim_count": 0.5}"#) == "_max_claim_count must be integer.")
        #expect(try error(#"{"_dead_letter_queue": {"any": ["thing"]}, "free": 1.5}"#) == nil)
        #expect(try error(#"{"_enable_encrypt_messages": "true"}"#) == "_enable_encrypt_messages must be boolean.")
        #expect(try error(#"{"_retry_policy": [1]}"#) == "retry_policy must be a dict.")
        #expect(
            try error(#"{"_dead_letter_queue_messages_ttl": 7799, "_max_claim_count": 2, "_dead_letter_queue": "dlq"}"#)
                == nil, "tempest's DLQ settings")
        #expect(QueueMetadata.validationError(JSONObject()) == nil)
    }

    // MARK: Defaults on reads (§4.3)

    /// Goal: the reserved defaults are the seven of §4.3, in its order, with its values. Method: compare the table.
    @Test func reservedDefaultsAreThoseOfTheReference() {
        let expected: [(String, JSONValue)] = [
            ("_max_messages_post_size", .int(262_144)), ("_default_message_ttl", .int(3_600)),
            ("_default_message_delay", .int(0)), ("_dead_letter_queue", .null),
            ("_dead_letter_queue_messages_ttl", .null), ("_max_claim_count", .null),
            ("_enable_encrypt_messages", .bool(false)),
        ]
        #expect(QueueMetadata.reservedDefaults.map(\.key) == expected.map(\.0))
        #expect(QueueMetadata.reservedDefaults.map(\.value) == expected.map(\.1))
        #expect(QueueMetadata.reservedKeys == Set(expected.map(\.0)))
    }

    /// Goal: `withDefaults` prints exactly what the reference's GET prints: stored keys first in stored order,
    /// then each absent reserved key in §4.3 order, and a falsy stored reserved value replaced in place (so
    /// `_max_claim_count: 0` reads as `null`). Method: the measured vectors, compared as Python-style JSON text.
    @Test(arguments: PythonMetadataVectors.pythonDefaults.indices)
    func withDefaultsMatchesReference(_ index: Int) throws {
        let vector = PythonMetadataVectors.pythonDefaults[index]
        let shown = QueueMetadata.withDefaults(try Self.object(vector.stored))
        #expect(JSONSerializer.serialize(.object(shown), escaping: .asciiOnly) == vector.shown, "\(vector.stored)")
    }

    /// Goal: the doc's own example, spelled out: `{"a": 1, "_default_message_ttl": 120}` reads with `a` and the
    /// TTL first, then the other six defaults; `_max_claim_count: 0` keeps its position but reads `null`; stored
    /// truthy values are kept. Method: compare keys and values.
    @Test func withDefaultsDocumentedExamples() throws {
        let shown = QueueMetadata.withDefaults(try Self.object(#"{"a": 1, "_default_message_ttl": 120}"#))
        #expect(
            shown.keys == [
                "a", "_default_message_ttl", "_max_messages_post_size", "_default_message_delay", "_dead_letter_queue",
                "_dead_letter_queue_messages_ttl", "_max_claim_count", "_enable_encrypt_messages",
            ])
        #expect(shown["_default_message_ttl"] == .int(120))
        let zero = QueueMetadata.withDefaults(try Self.object(#"{"_max_claim_count": 0, "b": 2}"#))
        #expect(zero.keys.prefix(2) == ["_max_claim_count", "b"])
        #expect(zero["_max_claim_count"] == .null)
        let kept = QueueMetadata.withDefaults(
            try Self.object(#"{"_max_claim_count": 2, "_enable_encrypt_messages": true}"#))
        #expect(kept["_max_claim_count"] == .int(2) && kept["_enable_encrypt_messages"] == .bool(true))
        #expect(kept.count == 7)
    }

    // MARK: Settings (§7.1, §7.2)

    struct ExpectedSettings: Sendable {
        var metadata: String
        var ttl = 3_600
        var delay = 0
        var maxPostBytes = 262_144
        var maxClaimCount: Int64? = nil
        var deadLetterQueue: String? = nil
        var deadLetterTTL: Int? = nil
        var deadLettering: (Int64, String)? = nil
    }

    /// Cases derived from §7.1 and §7.2 by hand: unset or falsy values take the server defaults; the post-size cap
    /// is min(value, 262144); dead-lettering needs both `_max_claim_count` (any integer, `0` included — "moves
    /// messages on their first claim" — and `true` counting as 1) and `_dead_letter_queue`.
    static let settingsCases: [ExpectedSettings] = [
        ExpectedSettings(metadata: "{}"),
        ExpectedSettings(metadata: #"{"a": 1, "_enable_encrypt_messages": true}"#),
        ExpectedSettings(
            metadata: #"{"_default_message_ttl": 120, "_default_message_delay": 30, "_max_messages_post_size": 1024}"#,
            ttl: 120, delay: 30, maxPostBytes: 1_024),
        ExpectedSettings(
            metadata: #"{"_default_message_ttl": 1209600, "_default_message_delay": 900}"#, ttl: 1_209_600, delay: 900),
        ExpectedSettings(metadata: #"{"_max_messages_post_size": 262144}"#),
        ExpectedSettings(metadata: #"{"_max_messages_post_size": 1000000}"#),
        ExpectedSettings(metadata: #"{"_max_messages_post_size": 1}"#, maxPostBytes: 1),
        ExpectedSettings(metadata: #"{"_max_messages_post_size": true}"#, maxPostBytes: 1),
        ExpectedSettings(
            metadata: #"{"_default_message_ttl": 0, "_default_message_delay": 0, "_max_messages_post_size": 0}"#),
        ExpectedSettings(
            metadata:
                #"{"_default_message_ttl": null, "_default_message_delay": false, "_max_messages_post_size": null}"#),
        ExpectedSettings(
            metadata: #"{"_max_claim_count": 2, "_dead_letter_queue": "dlq", "_dead_letter_queue_messages_ttl": 7799}"#,
            maxClaimCount: 2, deadLetterQueue: "dlq", deadLetterTTL: 7_799, deadLettering: (2, "dlq")),
        ExpectedSettings(
            metadata: #"{"_dead_letter_queue": "dlq", "_max_claim_count": 0}"#, maxClaimCount: 0,
            deadLetterQueue: "dlq",
            deadLettering: (0, "dlq")),
        ExpectedSettings(
            metadata: #"{"_max_claim_count": true, "_dead_letter_queue": "q.1-_Z"}"#, maxClaimCount: 1,
            deadLetterQueue: "q.1-_Z", deadLettering: (1, "q.1-_Z")),
        ExpectedSettings(metadata: #"{"_max_claim_count": 3}"#, maxClaimCount: 3),
        ExpectedSettings(metadata: #"{"_dead_letter_queue": "dlq"}"#, deadLetterQueue: "dlq"),
        ExpectedSettings(metadata: #"{"_max_claim_count": null, "_dead_letter_queue": "dlq"}"#, deadLetterQueue: "dlq"),
        ExpectedSettings(metadata: #"{"_max_claim_count": 2, "_dead_letter_queue": null}"#, maxClaimCount: 2),
        ExpectedSettings(metadata: #"{"_dead_letter_queue_messages_ttl": 60}"#, deadLetterTTL: 60),
        ExpectedSettings(metadata: #"{"_dead_letter_queue_messages_ttl": null}"#),
    ]

    /// Goal: `settings` gives the effective TTL, delay, post-size cap and dead-letter values of §7.1/§7.2.
    /// Method: one case per hand-derived expectation.
    @Test(arguments: settingsCases.indices)
    func settingsAreTheEffectiveValues(_ index: Int) throws {
        let expected = Self.settingsCases[index]
        let settings = QueueMetadata.settings(try Self.object(expected.metadata))
        let context: Comment = "\(expected.metadata)"
        #expect(settings.defaultMessageTTL == expected.ttl, context)
        #expect(settings.defaultMessageDelay == expected.delay, context)
        #expect(settings.maxPostBytes == expected.maxPostBytes, context)
        #expect(settings.maxClaimCount == expected.maxClaimCount, context)
        #expect(settings.deadLetterQueue == expected.deadLetterQueue, context)
        #expect(settings.deadLetterTTL == expected.deadLetterTTL, context)
        #expect(settings.deadLettering?.maxClaims == expected.deadLettering?.0, context)
        #expect(settings.deadLettering?.queue == expected.deadLettering?.1, context)
    }

    /// Goal: a `_dead_letter_queue` that cannot name a queue (not a string, or outside `[A-Za-z0-9_.-]{1,64}`)
    /// turns dead-lettering off instead of moving messages to an unreachable queue. This is Flotilla's choice (the
    /// reference moves them to whatever the value names); the test pins it. Method: several such values with a
    /// valid `_max_claim_count`.
    @Test func unusableDeadLetterQueueDisablesDeadLettering() throws {
        let values = [
            #""""#, #""bad name""#, #""a/b""#, "5", "true", #"["dlq"]"#, "\"\(String(repeating: "q", count: 65))\"",
        ]
        for value in values {
            let settings = QueueMetadata.settings(
                try Self.object(#"{"_max_claim_count": 1, "_dead_letter_queue": \#(value)}"#))
            #expect(settings.deadLetterQueue == nil, "\(value)")
            #expect(settings.deadLettering == nil, "\(value)")
        }
        let longest = String(repeating: "q", count: 64)
        let settings = QueueMetadata.settings(
            try Self.object(#"{"_max_claim_count": 1, "_dead_letter_queue": "\#(longest)"}"#))
        #expect(settings.deadLettering?.queue == longest)
    }
}

// MARK: - Generator
//
// `zaqar_validator.py` (the zaqar 15.0.0 wheel, from `pip download zaqar==15.0.0 --no-deps`, unpacked in
// /tmp/zq/src):
//
//     # Loads the real zaqar 15.0.0 Validator (from the wheel unpacked in /tmp/zq/src) with its config deps stubbed.
//     import sys, types, importlib.util
//     sys.path.insert(0, '/tmp/zq/src')
//     ou = types.ModuleType('oslo_utils'); ou.timeutils = types.ModuleType('timeutils')
//     sys.modules['oslo_utils'] = ou; sys.modules['oslo_utils.timeutils'] = ou.timeutils
//     zc = types.ModuleType('zaqar.conf'); tr = types.ModuleType('zaqar.conf.transport')
//     tr.ALL_OPTS = []; tr.GROUP_NAME = 'transport'; zc.transport = tr
//     sys.modules['zaqar.conf'] = zc; sys.modules['zaqar.conf.transport'] = tr
//     i18n = types.ModuleType('zaqar.i18n'); i18n._ = lambda s: s; sys.modules['zaqar.i18n'] = i18n
//     z = types.ModuleType('zaqar'); z.__path__ = ['/tmp/zq/src/zaqar']; sys.modules['zaqar'] = z
//     zcommon = types.ModuleType('zaqar.common'); zcommon.__path__ = ['/tmp/zq/src/zaqar/common']; sys.modules['zaqar.common'] = zcommon
//     import zaqar.common.consts
//     spec = importlib.util.spec_from_file_location('validation', '/tmp/zq/src/zaqar/transport/validation.py')
//     validation = importlib.util.module_from_spec(spec); spec.loader.exec_module(validation)
//     LIMITS = dict(max_message_ttl=1209600, max_messages_post_size=262144, max_message_delay=900,
//                   default_message_ttl=3600, default_message_delay=0)
//     class Conf(dict):
//         def register_opts(self, *a, **k): pass
//     class Limits(dict):
//         __getattr__ = dict.__getitem__
//     validator = validation.Validator(Conf(transport=Limits(LIMITS)))
//
//     def check(metadata):
//         try:
//             validator.queue_metadata_putting(metadata)
//             return None
//         except validation.ValidationFailed as e:
//             return str(e)
//         except TypeError as e:
//             return 'TypeError: ' + str(e)
//
// `gen_meta.py` (with `swiftlit.py` from JSONTests.swift beside it):
//
//     # QueueMetadata vectors: zaqar 15.0.0's own Validator.queue_metadata_putting (validation.py from the wheel, its config
//     # stubbed with the default limits) and queues.py on_get's default-filling loop, run on each metadata object.
//     import json
//     from zaqar_validator import check
//     from swiftlit import lit
//     keys = ['_default_message_ttl', '_max_messages_post_size', '_default_message_delay', '_max_claim_count',
//             '_dead_letter_queue', '_dead_letter_queue_messages_ttl', '_enable_encrypt_messages', '_retry_policy', 'x']
//     values = ['0', '-0', '1', '-1', '59', '60', '61', '900', '901', '3600', '262144', '262145', '1209600', '1209601',
//               '9223372036854775807', '-9223372036854775808', 'true', 'false', '0.0', '-0.0', '1.5', '120.0', '1e3', '""', '"x"',
//               '"60"', 'null', '[]', '[1]', '{}', '{"a":1}']
//     rows = []
//     for k in keys:
//         for v in values:
//             rows.append('{"%s":%s}' % (k, v))
//     combos = [
//         '{"_default_message_ttl":1,"_max_messages_post_size":0}', '{"_max_messages_post_size":0,"_default_message_delay":-1}',
//         '{"_default_message_delay":1000,"_dead_letter_queue_messages_ttl":1}', '{"_default_message_delay":1.5,"_max_claim_count":1.5}',
//         '{"_max_claim_count":"x","_dead_letter_queue_messages_ttl":"x"}', '{"_dead_letter_queue_messages_ttl":5,"_default_message_delay":"x"}',
//         '{"_enable_encrypt_messages":1,"_retry_policy":1}', '{"_default_message_delay":-1,"_enable_encrypt_messages":"yes"}',
//         '{"_retry_policy":1,"_default_message_ttl":1}', '{}',
//         '{"_retry_policy":{"retry_backoff_function":"cubic"}}', '{"_retry_policy":{"retry_backoff_function":7}}',
//         '{"_retry_policy":{"retry_backoff_function":"geometric"}}', '{"_retry_policy":{"ignore_subscription_override":1}}',
//         '{"_retry_policy":{"ignore_subscription_override":true}}', '{"_retry_policy":{"minimum_delay":1.5}}',
//         '{"_retry_policy":{"retries_with_no_delay":"3"}}', '{"_retry_policy":{"minimum_delay":30,"maximum_delay":5}}',
//         '{"_retry_policy":{"minimum_delay":5,"maximum_delay":10}}', '{"_retry_policy":{"minimum_delay":5,"maximum_delay":15}}',
//         '{"_retry_policy":{"minimum_delay":5,"maximum_delay":20}}', '{"_retry_policy":{"x":1}}',
//     ]
//     print('    static let pythonValidation: [(metadata: String, reference: Reference)] = [')
//     for text in rows + combos:
//         result = check(json.loads(text))
//         if result is None:
//             r = '.accepted'
//         elif result.startswith('TypeError'):
//             r = '.crashes'
//         else:
//             r = f'.rejected({lit(result)})'
//         print(f'        ({lit(text)}, {r}),')
//     print('    ]')
//
//     RESERVED = [('_max_messages_post_size', 262144), ('_default_message_ttl', 3600), ('_default_message_delay', 0),
//                 ('_dead_letter_queue', None), ('_dead_letter_queue_messages_ttl', None), ('_max_claim_count', None),
//                 ('_enable_encrypt_messages', False)]
//     stored = ['{}', '{"a":1}', '{"a":1,"_default_message_ttl":120}', '{"_max_claim_count":0}', '{"_max_claim_count":2,"z":[]}',
//               '{"_enable_encrypt_messages":true,"_default_message_delay":0,"b":null}', '{"_dead_letter_queue":"","_max_messages_post_size":1024}',
//               '{"_dead_letter_queue_messages_ttl":7799,"_max_claim_count":2,"_dead_letter_queue":"dlq"}',
//               '{"_default_message_delay":0.0,"_enable_encrypt_messages":false,"_max_claim_count":null,"k":"v"}',
//               '{"z":1,"_dead_letter_queue":"dlq","y":2,"_max_messages_post_size":0,"x":3}',
//               '{"_max_messages_post_size":262144,"_default_message_ttl":3600,"_default_message_delay":0,"_dead_letter_queue":null,"_dead_letter_queue_messages_ttl":null,"_max_claim_count":null,"_enable_encrypt_messages":false}',
//               '{"_enable_encrypt_messages":false,"_max_claim_count":null,"_dead_letter_queue_messages_ttl":null,"_dead_letter_queue":null,"_default_message_delay":0,"_default_message_ttl":3600,"_max_messages_post_size":262144}',
//               '{"_retry_policy":{},"_flavor":"","_default_message_ttl":false}']
//     print('    static let pythonDefaults: [(stored: String, shown: String)] = [')
//     for text in stored:
//         d = json.loads(text)
//         for k, v in RESERVED:
//             if not d.get(k):
//                 d[k] = v
//         print(f'        ({lit(text)}, {lit(json.dumps(d))}),')
//     print('    ]')
