// Generated from openapi/intel-requests-api.json by `pnpm generate`: do not edit.
/* eslint-disable */
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: the state of each dependency the service uses
         * @description 200 while every required dependency is up (`degraded` when an optional one, such as the cache, is down or reports itself degraded, with its figures under `details`); 503 otherwise.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dependencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A record's direct blockers and dependents */
        get: operations["getDependencies"];
        put?: never;
        /**
         * Add a dependency: the dependent depends on the blocker
         * @description Refuses self-edges, edges across organizations, missing or deleted records, and edges that would close a cycle. Adding an edge that is already live returns it with 200.
         */
        post: operations["createDependency"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dependencies/{dependency_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Soft-delete a dependency */
        delete: operations["deleteDependency"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dependencies/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Walk the dependencies of many roots at once, bounded by max_distance
         * @description Each reachable live edge appears once per root, at its shortest distance from that root. One database round trip whatever the number of roots. A root the caller may not see reaches nothing, exactly as an unknown one.
         */
        post: operations["resolveDependencies"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/intel-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A page of an organization's intel requests, oldest first
         * @description Keyset pagination: pass `next_cursor` as `cursor` for the next page. Each record carries its direct dependencies.
         */
        get: operations["listIntelRequests"];
        put?: never;
        /**
         * Create an intel request, with the edges to its incident and blockers
         * @description The request, the edge from `incident_id` and one edge from each of `blockers` are written in one transaction: when any of them is refused, nothing is written.
         */
        post: operations["createIntelRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/intel-requests/{intel_request_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An intel request with its direct dependencies and, when asked, its recursive ones */
        get: operations["getIntelRequest"];
        put?: never;
        post?: never;
        /** Soft-delete an intel request and its live dependency edges */
        delete: operations["deleteIntelRequest"];
        options?: never;
        head?: never;
        /**
         * Change some of an intel request's fields
         * @description Only the fields present change; `description`, `asset_id` and `location_id` may be set to null.
         */
        patch: operations["updateIntelRequest"];
        trace?: never;
    };
    "/intel-requests/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Many intel requests at once, each with its dependencies
         * @description Three queries whatever the number of ids, recursion included. Records come in the order of the ids, each once; ids of no live intel request are listed in `not_found`.
         */
        post: operations["getIntelRequestsBulk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * CycleError
         * @description A refused edge that would close a cycle, with the cycle
         */
        CycleError: {
            /** Format: int32 */
            statusCode: number;
            code?: string;
            error: string;
            message: string;
            /** @description The cycle the edge would close, in blocking order from the blocker, which is repeated last */
            cycle: components["schemas"]["RecordRef"][];
        };
        /** DirectDependencies */
        DirectDependencies: {
            /** @description Live edges whose dependent is the record */
            blockers: components["schemas"]["Edge"][];
            /** @description Live edges whose blocker is the record */
            dependents: components["schemas"]["Edge"][];
        };
        /**
         * Direction
         * @description `dependents` walks from blocker to dependent, `blockers` the reverse
         * @enum {string}
         */
        Direction: "dependents" | "blockers";
        /**
         * Edge
         * @description `dependent` depends on `blocker`
         */
        Edge: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            dependency_id: string;
            blocker_type: components["schemas"]["RecordType"];
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            blocker_id: string;
            dependent_type: components["schemas"]["RecordType"];
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            dependent_id: string;
            /** Format: date-time */
            created: string;
            /**
             * Format: int32
             * @description Shortest distance from the root of a recursive walk
             */
            dependency_distance?: number;
        };
        /** Error */
        Error: {
            /** Format: int32 */
            statusCode: number;
            code?: string;
            error: string;
            message: string;
        };
        /**
         * IntelRequest
         * @description An intel request with its direct dependencies (and, when asked, its recursive ones)
         */
        IntelRequest: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            intel_request_id: string;
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            organization_id: string;
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            asset_id: string | null;
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            location_id: string | null;
            /** @description What is asked, e.g. `site_check` */
            request_type: string;
            status: components["schemas"]["IntelRequestStatus"];
            priority: components["schemas"]["IntelRequestPriority"];
            description: string | null;
            /** @description Free-form JSON object, at most 100 top-level keys */
            metadata: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            created: string;
            /** Format: date-time */
            updated: string;
            dependencies: components["schemas"]["DirectDependencies"];
            /** @description With get_recursive_dependencies and direction dependents: every edge reached, sorted by distance */
            dependents?: components["schemas"]["Edge"][];
            /** @description With get_recursive_dependencies and direction blockers: every edge reached, sorted by distance */
            blockers?: components["schemas"]["Edge"][];
            recursive_dependency_meta?: {
                direction: components["schemas"]["Direction"];
                /** Format: int32 */
                max_distance: number;
                record_types: components["schemas"]["RecordType"][];
                /** @description True when some walkable edge lies beyond max_distance */
                truncated: boolean;
                /** Format: int32 */
                edge_count: number;
            };
        };
        /** IntelRequestPage */
        IntelRequestPage: {
            /** @description Oldest first */
            intel_requests: components["schemas"]["IntelRequest"][];
            /** @description Pass it as `cursor` for the next page; null on the last page */
            next_cursor: string | null;
        };
        /**
         * IntelRequestPatch
         * @description The fields to change; at least one
         */
        IntelRequestPatch: {
            status?: components["schemas"]["IntelRequestStatus"];
            priority?: components["schemas"]["IntelRequestPriority"];
            description?: string | null;
            /** @description Free-form JSON object, at most 100 top-level keys */
            metadata?: {
                [key: string]: unknown;
            };
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            asset_id?: string | null;
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            location_id?: string | null;
        };
        /**
         * IntelRequestPriority
         * @description How urgent the request is
         * @enum {string}
         */
        IntelRequestPriority: "low" | "normal" | "high" | "urgent";
        /** IntelRequestsBulkRequest */
        IntelRequestsBulkRequest: {
            /** @description Answered in this order; a repeated id is answered once, at its first place */
            intel_request_ids: string[];
        };
        /** IntelRequestsBulkResponse */
        IntelRequestsBulkResponse: {
            /** @description The live ones among the ids, in request order */
            intel_requests: components["schemas"]["IntelRequest"][];
            /** @description The ids that name no live intel request, each once */
            not_found: string[];
        };
        /**
         * IntelRequestStatus
         * @description Where the request stands
         * @enum {string}
         */
        IntelRequestStatus: "pending" | "in_progress" | "completed" | "cancelled";
        /** NewDependency */
        NewDependency: {
            blocker_type: components["schemas"]["RecordType"];
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            blocker_id: string;
            dependent_type: components["schemas"]["RecordType"];
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            dependent_id: string;
        };
        /** NewIntelRequest */
        NewIntelRequest: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            organization_id: string;
            /** @description What is asked, e.g. `site_check` */
            request_type: string;
            /**
             * @description Where the request stands
             * @default pending
             * @enum {string}
             */
            status?: "pending" | "in_progress" | "completed" | "cancelled";
            /**
             * @description How urgent the request is
             * @default normal
             * @enum {string}
             */
            priority?: "low" | "normal" | "high" | "urgent";
            description?: string | null;
            /**
             * @description Free-form JSON object, at most 100 top-level keys
             * @default {}
             */
            metadata?: {
                [key: string]: unknown;
            };
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            asset_id?: string | null;
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            location_id?: string | null;
            /**
             * Format: uuid
             * @description An incident the new request depends on: the edge from it to the new request is created too
             */
            incident_id?: string;
            /** @description Records the new request depends on; each edge is created in the same transaction */
            blockers?: components["schemas"]["RecordRef"][];
        };
        /** Readiness */
        Readiness: {
            status: "ready" | "degraded" | "unavailable";
            checks: {
                [key: string]: "up" | "degraded" | "down";
            };
            /** @description For each check that reported `degraded`, the figures that explain it */
            details?: {
                [key: string]: {
                    [key: string]: number | string;
                };
            };
        };
        /** RecordRef */
        RecordRef: {
            type: components["schemas"]["RecordType"];
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            id: string;
        };
        /**
         * RecordType
         * @description A record type that dependencies can join
         * @enum {string}
         */
        RecordType: "incidents" | "intel_requests" | "outages" | "internet_outages" | "assets";
        /** Resolution */
        Resolution: {
            root: components["schemas"]["RecordRef"];
            /** @description Each reachable live edge once, at its shortest distance, sorted by distance */
            edges: components["schemas"]["Edge"][];
            /** @description True when some walkable edge lies beyond max_distance */
            truncated: boolean;
        };
        /** ResolveRequest */
        ResolveRequest: {
            roots: components["schemas"]["RecordRef"][];
            direction: components["schemas"]["Direction"];
            /** @description Types the walk may step onto (default: all); the roots themselves are never filtered out */
            record_types?: components["schemas"]["RecordType"][];
            /**
             * Format: int32
             * @default 5
             */
            max_distance?: number;
        };
        /** ResolveResponse */
        ResolveResponse: {
            /** @description One per root, in the order of `roots` */
            results: components["schemas"]["Resolution"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            /** @description An unexpected failure; its detail is logged, never sent */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description An unexpected failure; its detail is logged, never sent */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A required dependency is down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    getDependencies: {
        parameters: {
            query: {
                /** @description A record type that dependencies can join */
                record_type: components["schemas"]["RecordType"];
                /** @description A UUID, in any letter case; answers spell it in lower case */
                record_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectDependencies"];
                };
            };
            /** @description The request is not valid: `message` names the parameter or property and the reason */
            400: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A bearer token is required (AUTH_TOKENS or a JWT verifier is set) and was missing, expired or not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A record the request names does not exist (or was deleted): `message` names it */
            404: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller has spent this budget's calls for the window; retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds until the budget has calls again */
                    "Retry-After"?: number;
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure; its detail is logged, never sent */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createDependency: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewDependency"];
            };
        };
        responses: {
            /** @description `dependent` depends on `blocker` */
            200: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Edge"];
                };
            };
            /** @description `dependent` depends on `blocker` */
            201: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Edge"];
                };
            };
            /** @description The request is not valid: `message` names the parameter or property and the reason */
            400: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A bearer token is required (AUTH_TOKENS or a JWT verifier is set) and was missing, expired or not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A record the request names does not exist (or was deleted): `message` names it */
            404: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A refused edge that would close a cycle, with the cycle */
            409: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CycleError"];
                };
            };
            /** @description The body is larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller has spent this budget's calls for the window; retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds until the budget has calls again */
                    "Retry-After"?: number;
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure; its detail is logged, never sent */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteDependency: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                dependency_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `message` names the parameter or property and the reason */
            400: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A bearer token is required (AUTH_TOKENS or a JWT verifier is set) and was missing, expired or not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A record the request names does not exist (or was deleted): `message` names it */
            404: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path parameter is longer than 100 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller has spent this budget's calls for the window; retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds until the budget has calls again */
                    "Retry-After"?: number;
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure; its detail is logged, never sent */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resolveDependencies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResolveRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResolveResponse"];
                };
            };
            /** @description The request is not valid: `message` names the parameter or property and the reason */
            400: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A bearer token is required (AUTH_TOKENS or a JWT verifier is set) and was missing, expired or not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller has spent this budget's calls for the window; retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds until the budget has calls again */
                    "Retry-After"?: number;
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure; its detail is logged, never sent */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listIntelRequests: {
        parameters: {
            query: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                organization_id: string;
                /** @description Where the request stands */
                status?: components["schemas"]["IntelRequestStatus"];
                /** @description Only the intel requests that directly depend on this incident */
                incident_id?: string;
                limit?: number;
                /** @description The next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntelRequestPage"];
                };
            };
            /** @description The request is not valid: `message` names the parameter or property and the reason */
            400: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A bearer token is required (AUTH_TOKENS or a JWT verifier is set) and was missing, expired or not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The organization named is not one of the caller's */
            403: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller has spent this budget's calls for the window; retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds until the budget has calls again */
                    "Retry-After"?: number;
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure; its detail is logged, never sent */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createIntelRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewIntelRequest"];
            };
        };
        responses: {
            /** @description An intel request with its direct dependencies (and, when asked, its recursive ones) */
            201: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntelRequest"];
                };
            };
            /** @description The request is not valid: `message` names the parameter or property and the reason */
            400: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A bearer token is required (AUTH_TOKENS or a JWT verifier is set) and was missing, expired or not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The organization named is not one of the caller's */
            403: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A record the request names does not exist (or was deleted): `message` names it */
            404: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the stored state: `message` says how */
            409: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller has spent this budget's calls for the window; retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds until the budget has calls again */
                    "Retry-After"?: number;
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure; its detail is logged, never sent */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getIntelRequest: {
        parameters: {
            query?: {
                /** @description Walk the dependencies recursively */
                get_recursive_dependencies?: boolean | "True" | "False";
                /** @description `dependents` walks from blocker to dependent, `blockers` the reverse */
                recursive_dependency_type?: "dependents" | "blockers";
                /** @description Types the walk may step onto, comma-separated or repeated (default: all): incidents, intel_requests, outages, internet_outages, assets */
                recursive_record_types?: string[];
                recursive_max_distance?: number;
            };
            header?: never;
            path: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                intel_request_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An intel request with its direct dependencies (and, when asked, its recursive ones) */
            200: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntelRequest"];
                };
            };
            /** @description The request is not valid: `message` names the parameter or property and the reason */
            400: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A bearer token is required (AUTH_TOKENS or a JWT verifier is set) and was missing, expired or not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A record the request names does not exist (or was deleted): `message` names it */
            404: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path parameter is longer than 100 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller has spent this budget's calls for the window; retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds until the budget has calls again */
                    "Retry-After"?: number;
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure; its detail is logged, never sent */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteIntelRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                intel_request_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is not valid: `message` names the parameter or property and the reason */
            400: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A bearer token is required (AUTH_TOKENS or a JWT verifier is set) and was missing, expired or not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A record the request names does not exist (or was deleted): `message` names it */
            404: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path parameter is longer than 100 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller has spent this budget's calls for the window; retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds until the budget has calls again */
                    "Retry-After"?: number;
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure; its detail is logged, never sent */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateIntelRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                intel_request_id: string;
            };
            cookie?: never;
        };
        /** @description The fields to change; at least one */
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntelRequestPatch"];
            };
        };
        responses: {
            /** @description An intel request with its direct dependencies (and, when asked, its recursive ones) */
            200: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntelRequest"];
                };
            };
            /** @description The request is not valid: `message` names the parameter or property and the reason */
            400: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A bearer token is required (AUTH_TOKENS or a JWT verifier is set) and was missing, expired or not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A record the request names does not exist (or was deleted): `message` names it */
            404: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the stored state: `message` says how */
            409: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path parameter is longer than 100 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller has spent this budget's calls for the window; retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds until the budget has calls again */
                    "Retry-After"?: number;
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure; its detail is logged, never sent */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getIntelRequestsBulk: {
        parameters: {
            query?: {
                /** @description Walk the dependencies recursively */
                get_recursive_dependencies?: boolean | "True" | "False";
                /** @description `dependents` walks from blocker to dependent, `blockers` the reverse */
                recursive_dependency_type?: "dependents" | "blockers";
                /** @description Types the walk may step onto, comma-separated or repeated (default: all): incidents, intel_requests, outages, internet_outages, assets */
                recursive_record_types?: string[];
                recursive_max_distance?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntelRequestsBulkRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntelRequestsBulkResponse"];
                };
            };
            /** @description The request is not valid: `message` names the parameter or property and the reason */
            400: {
                headers: {
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A bearer token is required (AUTH_TOKENS or a JWT verifier is set) and was missing, expired or not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller has spent this budget's calls for the window; retry after Retry-After seconds */
            429: {
                headers: {
                    /** @description Seconds until the budget has calls again */
                    "Retry-After"?: number;
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure; its detail is logged, never sent */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PostgreSQL is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
