/// The JSON home document served at `GET /v2/` (§3.2): the reference's, byte for byte as it prints it
/// (`json.dumps(indent=4)`), without the resources Flotilla does not serve (subscriptions, pools, flavors).
enum HomeDocument {
    static let text = #"""
        {
            "resources": {
                "rel/queues": {
                    "href-template": "/v2/queues{?marker,limit,detailed}",
                    "href-vars": {
                        "marker": "param/marker",
                        "limit": "param/queue_limit",
                        "detailed": "param/detailed"
                    },
                    "hints": {
                        "allow": [
                            "GET"
                        ],
                        "formats": {
                            "application/json": {}
                        }
                    }
                },
                "rel/queue": {
                    "href-template": "/v2/queues/{queue_name}",
                    "href-vars": {
                        "queue_name": "param/queue_name"
                    },
                    "hints": {
                        "allow": [
                            "GET",
                            "PUT",
                            "DELETE",
                            "PATCH"
                        ],
                        "formats": {
                            "application/json": {}
                        }
                    }
                },
                "rel/queue_stats": {
                    "href-template": "/v2/queues/{queue_name}/stats",
                    "href-vars": {
                        "queue_name": "param/queue_name"
                    },
                    "hints": {
                        "allow": [
                            "GET"
                        ],
                        "formats": {
                            "application/json": {}
                        }
                    }
                },
                "rel/queue_share": {
                    "href-template": "/v2/queues/{queue_name}/share",
                    "href-vars": {
                        "queue_name": "param/queue_name"
                    },
                    "hints": {
                        "allow": [
                            "POST"
                        ],
                        "formats": {
                            "application/json": {}
                        },
                        "accept-post": [
                            "application/json"
                        ]
                    }
                },
                "rel/queue_purge": {
                    "href-template": "/v2/queues/{queue_name}/purge",
                    "href-vars": {
                        "queue_name": "param/queue_name"
                    },
                    "hints": {
                        "allow": [
                            "POST"
                        ],
                        "formats": {
                            "application/json": {}
                        },
                        "accept-post": [
                            "application/json"
                        ]
                    }
                },
                "rel/messages": {
                    "href-template": "/v2/queues/{queue_name}/messages{?marker,limit,echo,include_claimed}",
                    "href-vars": {
                        "queue_name": "param/queue_name",
                        "marker": "param/marker",
                        "limit": "param/messages_limit",
                        "echo": "param/echo",
                        "include_claimed": "param/include_claimed"
                    },
                    "hints": {
                        "allow": [
                            "GET"
                        ],
                        "formats": {
                            "application/json": {}
                        }
                    }
                },
                "rel/post_messages": {
                    "href-template": "/v2/queues/{queue_name}/messages",
                    "href-vars": {
                        "queue_name": "param/queue_name"
                    },
                    "hints": {
                        "allow": [
                            "POST"
                        ],
                        "formats": {
                            "application/json": {}
                        },
                        "accept-post": [
                            "application/json"
                        ]
                    }
                },
                "rel/messages_delete": {
                    "href-template": "/v2/queues/{queue_name}/messages{?ids,pop}",
                    "href-vars": {
                        "queue_name": "param/queue_name",
                        "ids": "param/ids",
                        "pop": "param/pop"
                    },
                    "hints": {
                        "allow": [
                            "DELETE"
                        ],
                        "formats": {
                            "application/json": {}
                        }
                    }
                },
                "rel/message_delete": {
                    "href-template": "/v2/queues/{queue_name}/messages/{message_id}{?claim}",
                    "href-vars": {
                        "queue_name": "param/queue_name",
                        "message_id": "param/message_id",
                        "claim": "param/claim_id"
                    },
                    "hints": {
                        "allow": [
                            "DELETE"
                        ],
                        "formats": {
                            "application/json": {}
                        }
                    }
                },
                "rel/message_get": {
                    "href-template": "/v2/queues/{queue_name}/messages/{message_id}",
                    "href-vars": {
                        "queue_name": "param/queue_name",
                        "message_id": "param/message_id"
                    },
                    "hints": {
                        "allow": [
                            "GET"
                        ],
                        "formats": {
                            "application/json": {}
                        }
                    }
                },
                "rel/claim": {
                    "href-template": "/v2/queues/{queue_name}/claims/{claim_id}",
                    "href-vars": {
                        "queue_name": "param/queue_name",
                        "claim_id": "param/claim_id"
                    },
                    "hints": {
                        "allow": [
                            "GET"
                        ],
                        "formats": {
                            "application/json": {}
                        }
                    }
                },
                "rel/post_claim": {
                    "href-template": "/v2/queues/{queue_name}/claims{?limit}",
                    "href-vars": {
                        "queue_name": "param/queue_name",
                        "limit": "param/claim_limit"
                    },
                    "hints": {
                        "allow": [
                            "POST"
                        ],
                        "formats": {
                            "application/json": {}
                        },
                        "accept-post": [
                            "application/json"
                        ]
                    }
                },
                "rel/patch_claim": {
                    "href-template": "/v2/queues/{queue_name}/claims/{claim_id}",
                    "href-vars": {
                        "queue_name": "param/queue_name",
                        "claim_id": "param/claim_id"
                    },
                    "hints": {
                        "allow": [
                            "PATCH"
                        ],
                        "formats": {
                            "application/json": {}
                        },
                        "accept-post": [
                            "application/json"
                        ]
                    }
                },
                "rel/delete_claim": {
                    "href-template": "/v2/queues/{queue_name}/claims/{claim_id}",
                    "href-vars": {
                        "queue_name": "param/queue_name",
                        "claim_id": "param/claim_id"
                    },
                    "hints": {
                        "allow": [
                            "DELETE"
                        ],
                        "formats": {
                            "application/json": {}
                        }
                    }
                },
                "rel/ping": {
                    "href-template": "/v2/ping",
                    "hints": {
                        "allow": [
                            "GET"
                        ],
                        "formats": {
                            "application/json": {}
                        }
                    }
                },
                "rel/health": {
                    "href": "/v2/health",
                    "hints": {
                        "allow": [
                            "GET"
                        ],
                        "formats": {
                            "application/json": {}
                        }
                    }
                }
            }
        }
        """#
}
