// Generated from openapi/incidents-api.json by `pnpm generate`: do not edit.
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
    "/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An organization's incidents, oldest first, a page at a time
         * @description Keyset pagination on (created, incident_id): pass `next_cursor` back as `cursor` until it is null. An unknown organization has no incidents.
         */
        get: operations["listIncidents"];
        put?: never;
        /** Create an incident, with its location inline */
        post: operations["createIncident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{incident_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An incident with its location, outages, internet outages, assets and dependencies */
        get: operations["getIncident"];
        /**
         * Create or replace an incident under the client's id
         * @description Creates the incident (201) or replaces its fields (200): fields left out return to their defaults, except `started`, which keeps its value. The organization of an existing incident cannot change (409), nor can the id of a deleted incident be used again (409). An id held by an organization the caller may not use is a 404, as on every route.
         */
        put: operations["upsertIncident"];
        post?: never;
        /**
         * Soft-delete an incident
         * @description Its outages, internet outages and asset links are soft-deleted with it, and every dependency edge that touches them.
         */
        delete: operations["deleteIncident"];
        options?: never;
        head?: never;
        /** Change some fields of an incident */
        patch: operations["updateIncident"];
        trace?: never;
    };
    "/incidents/{incident_id}/outages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a utility outage to an incident, with its location inline */
        post: operations["createOutage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{incident_id}/outages/{outage_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Soft-delete an outage */
        delete: operations["deleteOutage"];
        options?: never;
        head?: never;
        /** Change some fields of an outage */
        patch: operations["updateOutage"];
        trace?: never;
    };
    "/incidents/{incident_id}/internet-outages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add an internet outage to an incident */
        post: operations["createInternetOutage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{incident_id}/internet-outages/{internet_outage_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Soft-delete an internet outage */
        delete: operations["deleteInternetOutage"];
        options?: never;
        head?: never;
        /** Change some fields of an internet outage */
        patch: operations["updateInternetOutage"];
        trace?: never;
    };
    "/incidents/{incident_id}/assets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the set of assets an incident affects
         * @description Links to assets outside the set are soft-deleted and the missing ones added, in one transaction. Every asset must exist (404) and belong to the incident's organization (400), or nothing changes. Answers with the assets now linked, as the incident shows them.
         */
        put: operations["replaceIncidentAssets"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every current incident of an organization, as current-incident documents
         * @description From the cache, with an ETag that changes whenever any of its documents changes: `If-None-Match` with it gets `304` after one small Redis read. Compressed when the client accepts gzip, deflate or br.
         */
        get: operations["listCurrentIncidents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/current/{incident_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One current incident: its document, in one cache read
         * @description On a cache hit: one Redis round trip and no PostgreSQL query. `ETag: "<cache.version>"`; `If-None-Match` with it gets `304` while the version holds. 404 when the incident is resolved, deleted or unknown.
         */
        get: operations["getCurrentIncident"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/current/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Many current incidents at once, as current-incident documents
         * @description One Redis round trip for all the organizations involved, and no PostgreSQL query when every document is in the cache. Documents come in the order of the ids, each once; ids of no current incident are listed in `not_current`.
         */
        post: operations["getCurrentIncidentsBulk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/current/rebuild": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rebuild an organization's current-incident documents from the database */
        post: operations["rebuildCurrentIncidents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/current/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The changes of an organization's current-incident documents, in the order Redis applied them
         * @description Pages of the change log: pass each answer's `next_cursor` as `after`. `reset: true` means `after` is older than what the log keeps (trimmed by `CHANGE_LOG_MAX_LENGTH` or `CHANGE_LOG_MAX_AGE_MS`, or a rebuild changed the documents since): read `GET /incidents/current` again, then follow from this answer's `next_cursor`. Each incident's `version` increases along the feed. 409 when the organization's cache is off.
         */
        get: operations["listCurrentIncidentChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/current/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The changes of an organization's current-incident documents, pushed as Server-Sent Events
         * @description Events: `upsert` (data: the document), `remove` (data: `{incident_id, version}`), `reset` (data: `{reason, documents?}`: what you hold is no longer complete), and a `: heartbeat` comment every `CHANGE_FEED_HEARTBEAT_MS`. Reset reasons: `rebuilt` (a rebuild or the toggle changed documents without an event each), `behind` (the cursor is older than the log, or Redis lost it), `slow` (this subscriber did not keep up: the stream ends), `snapshot` (the snapshot asked for follows). Each `upsert` and `remove` carries its cursor as `id:`; a reconnect with `Last-Event-ID` resumes after it with no gap, or starts with `reset` when the log no longer reaches back to it. `snapshot=true` first sends `reset` with `documents`: the number of `upsert` events that follow, every current document, read atomically with the cursor the feed then follows from (only the last of them carries it as `id:`); every later reset is sent the same way. A `Last-Event-ID` the log still reaches resumes instead, with no snapshot. A subscriber that does not keep up (`CHANGE_FEED_SUBSCRIBER_BUFFER_BYTES` unsent) is sent `reset` and closed. Rate limits: the connection counts once against the caller's reads budget, however long it stays open. 409 when the organization's cache is off.
         */
        get: operations["streamCurrentIncidentChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/current/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Compare an organization's cached current-incident documents with the database and repair what differs */
        post: operations["verifyCurrentIncidents"];
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
        /** Asset */
        Asset: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            asset_id: string;
            asset_name: string;
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            asset_type_id: string;
            asset_type_name: string;
            /** @description Free-form JSON object, at most 100 top-level keys */
            metadata: {
                [key: string]: unknown;
            };
            location: components["schemas"]["Location"] | null;
        };
        /** CurrentIncidentChange */
        CurrentIncidentChange: {
            /** @description A position in the change log (`<ms>-<seq>`), as a previous answer or event gave it */
            cursor: string;
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            incident_id: string;
            /**
             * @description `upsert`: the document is new or changed; `remove`: the incident is no longer current
             * @enum {string}
             */
            kind: "upsert" | "remove";
            /**
             * Format: int64
             * @description The document's version (cache.version): each incident's increase along the feed
             */
            version: number;
            document?: components["schemas"]["CurrentIncidentDocument"];
        };
        /** CurrentIncidentChanges */
        CurrentIncidentChanges: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            organization_id: string;
            /** @description In the order Redis applied them; fewer than `limit` when the log has no more now */
            changes: components["schemas"]["CurrentIncidentChange"][];
            /** @description Pass as `after` for the next page (the same cursor when nothing changed) */
            next_cursor: string;
            /** @description `after` is older than what the log keeps (trimmed, or a rebuild changed the documents since): read `GET /incidents/current` again, then follow from `next_cursor` */
            reset: boolean;
        };
        /**
         * CurrentIncidentDocument
         * @description What the sender needs about one current incident, in one read
         */
        CurrentIncidentDocument: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            incident_id: string;
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            organization_id: string;
            title: string;
            incident_type: string;
            status: components["schemas"]["IncidentStatus"];
            /** Format: date-time */
            started: string;
            /** Format: date-time */
            resolved: string | null;
            /** @description Free-form JSON object, at most 100 top-level keys */
            metadata: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            created: string;
            /** Format: date-time */
            updated: string;
            location: components["schemas"]["Location"] | null;
            /** @description Live outages, oldest first */
            outages: components["schemas"]["Outage"][];
            /** @description Live internet outages, oldest first */
            internet_outages: components["schemas"]["InternetOutage"][];
            /** @description The assets the incident affects */
            assets: components["schemas"]["Asset"][];
            /** @description Live intel requests that depend directly on the incident */
            intel_requests: components["schemas"]["CurrentIntelRequest"][];
            /** @description Live intel requests that depend on those of `intel_requests` (distance 2) */
            parent_intel_requests: components["schemas"]["ParentIntelRequest"][];
            cache: {
                /** @description The document version in the cache; null when read from the database */
                version: number | null;
                /** Format: date-time */
                refreshed_at: string;
            };
        };
        /** CurrentIncidents */
        CurrentIncidents: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            organization_id: string;
            /** @enum {string} */
            source: "cache" | "database";
            /** @description Every current incident of the organization, by incident_id */
            incidents: components["schemas"]["CurrentIncidentDocument"][];
        };
        /** CurrentIncidentsBulk */
        CurrentIncidentsBulk: {
            /** @description The documents of the current ones, in the order asked */
            incidents: components["schemas"]["CurrentIncidentDocument"][];
            /** @description The ids asked that are not current (resolved, deleted or unknown), in the order asked */
            not_current: string[];
        };
        /** CurrentIncidentsBulkRequest */
        CurrentIncidentsBulkRequest: {
            /** @description Answered in this order; a repeated id is answered once, at its first place */
            incident_ids: string[];
        };
        /** CurrentIntelRequest */
        CurrentIntelRequest: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            intel_request_id: string;
            request_type: string;
            /** @enum {string} */
            status: "pending" | "in_progress" | "completed" | "cancelled";
            /** @enum {string} */
            priority: "low" | "normal" | "high" | "urgent";
            description: string | null;
            asset_id: string | null;
            location_id: string | null;
            /** @description Free-form JSON object, at most 100 top-level keys */
            metadata: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            created: string;
            /** Format: date-time */
            updated: string;
        };
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
        /** Divergence */
        Divergence: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            incident_id: string;
            /**
             * @description `missing`: current but not cached; `stale`: cached unlike the database; `not_current`: cached but no longer current; `version_behind`: cached with an older version than the database gave (Redis came back older); `version_ahead`: cached with a version the database has not given yet (the database was restored to an earlier point); `cache_disabled`: cached although the organization's toggle is off
             * @enum {string}
             */
            reason: "missing" | "stale" | "not_current" | "version_behind" | "version_ahead" | "cache_disabled";
        };
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
         * Geometry
         * @description A GeoJSON geometry in WGS 84 (longitude, latitude)
         */
        Geometry: {
            /** @enum {string} */
            type: "Point";
            /** @description [longitude, latitude] */
            coordinates: number[];
        } | {
            /** @enum {string} */
            type: "MultiPoint";
            coordinates: number[][];
        } | {
            /** @enum {string} */
            type: "LineString";
            coordinates: number[][];
        } | {
            /** @enum {string} */
            type: "MultiLineString";
            coordinates: number[][][];
        } | {
            /** @enum {string} */
            type: "Polygon";
            coordinates: number[][][];
        } | {
            /** @enum {string} */
            type: "MultiPolygon";
            coordinates: number[][][][];
        };
        /** Incident */
        Incident: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            incident_id: string;
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            organization_id: string;
            title: string;
            incident_type: string;
            status: components["schemas"]["IncidentStatus"];
            /** Format: date-time */
            started: string;
            /** Format: date-time */
            resolved: string | null;
            /** @description Free-form JSON object, at most 100 top-level keys */
            metadata: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            created: string;
            /** Format: date-time */
            updated: string;
            location: components["schemas"]["Location"] | null;
            /** @description Live outages, oldest first */
            outages: components["schemas"]["Outage"][];
            /** @description Live internet outages, oldest first */
            internet_outages: components["schemas"]["InternetOutage"][];
            /** @description The assets the incident affects */
            assets: components["schemas"]["Asset"][];
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
        /** IncidentAssetIds */
        IncidentAssetIds: {
            /** @description The complete set of assets the incident affects */
            asset_ids: string[];
        };
        /** IncidentAssets */
        IncidentAssets: {
            /** @description The live assets the incident now affects, by name */
            assets: components["schemas"]["Asset"][];
        };
        /** IncidentInput */
        IncidentInput: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            organization_id: string;
            title: string;
            incident_type: string;
            status?: components["schemas"]["IncidentStatus"];
            /**
             * Format: date-time
             * @description Default: now when the incident is created; a replacement (PUT) that omits it keeps the stored value
             */
            started?: string;
            /** Format: date-time */
            resolved?: string | null;
            /** @description Free-form JSON object, at most 100 top-level keys */
            metadata?: {
                [key: string]: unknown;
            };
            /** @description Where the incident is. On a replacement (PUT) the incident's own location is updated in place when it has one; null or absent detaches it */
            location?: components["schemas"]["LocationInput"] | null;
        };
        /** IncidentPage */
        IncidentPage: {
            /** @description Oldest first (created, then incident_id) */
            incidents: components["schemas"]["Incident"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            next_cursor: string | null;
        };
        /** IncidentPatch */
        IncidentPatch: {
            title?: string;
            incident_type?: string;
            status?: components["schemas"]["IncidentStatus"];
            /** Format: date-time */
            started?: string;
            /** Format: date-time */
            resolved?: string | null;
            /** @description Free-form JSON object, at most 100 top-level keys */
            metadata?: {
                [key: string]: unknown;
            };
            /** @description An object updates the incident's own location in place (or gives it one); null detaches it */
            location?: components["schemas"]["LocationInput"] | null;
        };
        /**
         * IncidentStatus
         * @description A current incident is one not resolved
         * @enum {string}
         */
        IncidentStatus: "active" | "monitoring" | "resolved";
        /** InternetOutage */
        InternetOutage: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            internet_outage_id: string;
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            incident_id: string;
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            organization_id: string;
            provider: string;
            /** Format: date-time */
            started: string;
            /** Format: date-time */
            restored: string | null;
            /** Format: date-time */
            created: string;
            /** Format: date-time */
            updated: string;
        };
        /** InternetOutagePatch */
        InternetOutagePatch: {
            provider?: string;
            /** Format: date-time */
            started?: string;
            /** Format: date-time */
            restored?: string | null;
        };
        /** Location */
        Location: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            location_id: string;
            geometry: components["schemas"]["Geometry"];
            thoroughfare: string | null;
            locality: string | null;
            administrative_area: string | null;
            postal_code: string | null;
            country: string | null;
        };
        /** LocationInput */
        LocationInput: {
            geometry: components["schemas"]["Geometry"];
            thoroughfare?: string | null;
            locality?: string | null;
            administrative_area?: string | null;
            postal_code?: string | null;
            country?: string | null;
        };
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
        /** NewInternetOutage */
        NewInternetOutage: {
            provider: string;
            /**
             * Format: date-time
             * @description Default: now
             */
            started?: string;
            /** Format: date-time */
            restored?: string | null;
        };
        /** NewOutage */
        NewOutage: {
            utility_name: string;
            /**
             * @default active
             * @enum {string}
             */
            status?: "active" | "restored";
            /**
             * Format: date-time
             * @description Default: now
             */
            started?: string;
            /** Format: date-time */
            restored?: string | null;
            /** Format: int32 */
            customers_affected?: number | null;
            location?: components["schemas"]["LocationInput"] | null;
        };
        /** Outage */
        Outage: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            outage_id: string;
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            incident_id: string;
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            organization_id: string;
            utility_name: string;
            /** @enum {string} */
            status: "active" | "restored";
            /** Format: date-time */
            started: string;
            /** Format: date-time */
            restored: string | null;
            customers_affected: number | null;
            location: components["schemas"]["Location"] | null;
            /** Format: date-time */
            created: string;
            /** Format: date-time */
            updated: string;
        };
        /** OutagePatch */
        OutagePatch: {
            utility_name?: string;
            /** @enum {string} */
            status?: "active" | "restored";
            /** Format: date-time */
            started?: string;
            /** Format: date-time */
            restored?: string | null;
            /** Format: int32 */
            customers_affected?: number | null;
            /** @description An object updates the outage's own location in place (or gives it one); null detaches it */
            location?: components["schemas"]["LocationInput"] | null;
        };
        /** ParentIntelRequest */
        ParentIntelRequest: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            intel_request_id: string;
            request_type: string;
            /** @enum {string} */
            status: "pending" | "in_progress" | "completed" | "cancelled";
            /** @enum {string} */
            priority: "low" | "normal" | "high" | "urgent";
            description: string | null;
            asset_id: string | null;
            location_id: string | null;
            /** @description Free-form JSON object, at most 100 top-level keys */
            metadata: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            created: string;
            /** Format: date-time */
            updated: string;
            /** @description The intel requests of `intel_requests` this one depends on */
            blocker_intel_request_ids: string[];
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
        /** RebuildRequest */
        RebuildRequest: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            organization_id: string;
        };
        /** RebuildResult */
        RebuildResult: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            organization_id: string;
            /** @description The organization's toggle (metadata.use_current_incidents_cache) */
            cache_enabled: boolean;
            /**
             * Format: int32
             * @description Documents written
             */
            documents: number;
            /**
             * Format: int32
             * @description Stale documents dropped
             */
            removed: number;
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
        /** VerificationResult */
        VerificationResult: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            organization_id: string;
            /**
             * Format: int32
             * @description Incidents compared: current in the database or cached
             */
            checked: number;
            /**
             * Format: int32
             * @description Divergences repaired
             */
            repaired: number;
            /** @description What differed, by incident_id */
            divergences: components["schemas"]["Divergence"][];
        };
        /** VerifyRequest */
        VerifyRequest: {
            /**
             * Format: uuid
             * @description A UUID, in any letter case; answers spell it in lower case
             */
            organization_id: string;
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
    listIncidents: {
        parameters: {
            query: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                organization_id: string;
                /** @description A current incident is one not resolved */
                status?: components["schemas"]["IncidentStatus"];
                limit?: number;
                /** @description The next_cursor of the previous page, unchanged */
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
                    "application/json": components["schemas"]["IncidentPage"];
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
    createIncident: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IncidentInput"];
            };
        };
        responses: {
            /** @description Created */
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
                    "application/json": components["schemas"]["Incident"];
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
    getIncident: {
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
                incident_id: string;
            };
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
                    "application/json": components["schemas"]["Incident"];
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
    upsertIncident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                incident_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IncidentInput"];
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
                    "application/json": components["schemas"]["Incident"];
                };
            };
            /** @description Created */
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
                    "application/json": components["schemas"]["Incident"];
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
    deleteIncident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                incident_id: string;
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
    updateIncident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                incident_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IncidentPatch"];
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
                    "application/json": components["schemas"]["Incident"];
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
    createOutage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                incident_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewOutage"];
            };
        };
        responses: {
            /** @description Created */
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
                    "application/json": components["schemas"]["Outage"];
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
    deleteOutage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                incident_id: string;
                /** @description A UUID, in any letter case; answers spell it in lower case */
                outage_id: string;
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
    updateOutage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                incident_id: string;
                /** @description A UUID, in any letter case; answers spell it in lower case */
                outage_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OutagePatch"];
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
                    "application/json": components["schemas"]["Outage"];
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
    createInternetOutage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                incident_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewInternetOutage"];
            };
        };
        responses: {
            /** @description Created */
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
                    "application/json": components["schemas"]["InternetOutage"];
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
    deleteInternetOutage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                incident_id: string;
                /** @description A UUID, in any letter case; answers spell it in lower case */
                internet_outage_id: string;
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
    updateInternetOutage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                incident_id: string;
                /** @description A UUID, in any letter case; answers spell it in lower case */
                internet_outage_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InternetOutagePatch"];
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
                    "application/json": components["schemas"]["InternetOutage"];
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
    replaceIncidentAssets: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                incident_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IncidentAssetIds"];
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
                    "application/json": components["schemas"]["IncidentAssets"];
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
    listCurrentIncidents: {
        parameters: {
            query: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                organization_id: string;
            };
            header?: {
                /** @description An ETag this read answered before: `304` and no body while it still holds */
                "if-none-match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `hit`: from the cache; `miss`: from the database, the cache lacking it; `bypass`: from the database, the cache being cold, off or down */
                    "x-cache"?: "hit" | "miss" | "bypass";
                    /** @description Send it back in `If-None-Match` to revalidate; absent when the answer came from the database */
                    etag?: string;
                    /** @description Clients must revalidate before reusing an answer */
                    "cache-control"?: "no-cache";
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CurrentIncidents"];
                };
            };
            /** @description The ETag sent in If-None-Match still holds: no body */
            304: {
                headers: {
                    /** @description `hit`: from the cache; `miss`: from the database, the cache lacking it; `bypass`: from the database, the cache being cold, off or down */
                    "x-cache"?: "hit" | "miss" | "bypass";
                    /** @description Send it back in `If-None-Match` to revalidate; absent when the answer came from the database */
                    etag?: string;
                    /** @description Clients must revalidate before reusing an answer */
                    "cache-control"?: "no-cache";
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
    getCurrentIncident: {
        parameters: {
            query?: never;
            header?: {
                /** @description An ETag this read answered before: `304` and no body while it still holds */
                "if-none-match"?: string;
            };
            path: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                incident_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the sender needs about one current incident, in one read */
            200: {
                headers: {
                    /** @description `hit`: from the cache; `miss`: from the database, the cache lacking it; `bypass`: from the database, the cache being cold, off or down */
                    "x-cache"?: "hit" | "miss" | "bypass";
                    /** @description Send it back in `If-None-Match` to revalidate; absent when the answer came from the database */
                    etag?: string;
                    /** @description Clients must revalidate before reusing an answer */
                    "cache-control"?: "no-cache";
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CurrentIncidentDocument"];
                };
            };
            /** @description The ETag sent in If-None-Match still holds: no body */
            304: {
                headers: {
                    /** @description `hit`: from the cache; `miss`: from the database, the cache lacking it; `bypass`: from the database, the cache being cold, off or down */
                    "x-cache"?: "hit" | "miss" | "bypass";
                    /** @description Send it back in `If-None-Match` to revalidate; absent when the answer came from the database */
                    etag?: string;
                    /** @description Clients must revalidate before reusing an answer */
                    "cache-control"?: "no-cache";
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
    getCurrentIncidentsBulk: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CurrentIncidentsBulkRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `hit`: from the cache; `miss`: from the database, the cache lacking it; `bypass`: from the database, the cache being cold, off or down */
                    "x-cache"?: "hit" | "miss" | "bypass";
                    /** @description Calls of this budget (reads, writes or expensive) the caller may make per window */
                    "RateLimit-Limit"?: number;
                    /** @description Calls of this budget left in the current window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CurrentIncidentsBulk"];
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
    rebuildCurrentIncidents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RebuildRequest"];
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
                    "application/json": components["schemas"]["RebuildResult"];
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
            /** @description Redis or PostgreSQL is unavailable: the cache cannot be rebuilt now */
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
    listCurrentIncidentChanges: {
        parameters: {
            query: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                organization_id: string;
                /** @description The next_cursor of the previous answer (or the id of the last event seen); absent: from the oldest change kept since the last reset */
                after?: string;
                limit?: number;
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
                    "application/json": components["schemas"]["CurrentIncidentChanges"];
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
            /** @description Redis is unavailable: the change log cannot be read now */
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
    streamCurrentIncidentChanges: {
        parameters: {
            query: {
                /** @description A UUID, in any letter case; answers spell it in lower case */
                organization_id: string;
                /** @description First send every current document as `upsert` events (and again after each `reset`), read atomically with the cursor the feed then follows from */
                snapshot?: boolean;
            };
            header?: {
                /** @description The id of the last event received: the stream resumes after it, or starts with `reset` when the log no longer reaches back to it */
                "last-event-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A stream of `upsert`, `remove` and `reset` events (see the description) */
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
                    "text/event-stream": unknown;
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
                    "text/event-stream": components["schemas"]["Error"];
                };
            };
            /** @description A bearer token is required (AUTH_TOKENS or a JWT verifier is set) and was missing, expired or not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["Error"];
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
                    "text/event-stream": components["schemas"]["Error"];
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
                    "text/event-stream": components["schemas"]["Error"];
                };
            };
            /** @description The client refuses text/event-stream */
            406: {
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
                    "text/event-stream": components["schemas"]["Error"];
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
                    "text/event-stream": components["schemas"]["Error"];
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
                    "text/event-stream": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure; its detail is logged, never sent */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["Error"];
                };
            };
            /** @description Redis is unavailable: the change log cannot be followed now */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["Error"];
                };
            };
        };
    };
    verifyCurrentIncidents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyRequest"];
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
                    "application/json": components["schemas"]["VerificationResult"];
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
            /** @description Redis or PostgreSQL is unavailable: the cache cannot be verified now */
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
