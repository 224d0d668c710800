-- Versions come from a sequence, which never hands a number out twice. With "version + 1", a
-- refresh that rolled back after its Redis write had landed (a crash, or a command timeout whose
-- write arrived late) left that version in Redis and gave it again to the next refresh, whose
-- newer document Redis then refused as not newer: the change was lost from the cache.
create sequence current_incidents.document_version_seq as bigint
  owned by current_incidents.document_versions.version;
select setval('current_incidents.document_version_seq', greatest(1, (select max(version) from current_incidents.document_versions)));
alter table current_incidents.document_versions
  alter column version set default nextval('current_incidents.document_version_seq');
