/** Plain JSON values: releases are built, stored (jsonb) and served as data, checked by the official schema. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The closed releaseTag codelist of OCDS 1.1.5. */
export const RELEASE_TAGS = [
  'planning', 'planningUpdate', 'tender', 'tenderAmendment', 'tenderUpdate', 'tenderCancellation', 'award', 'awardUpdate',
  'awardCancellation', 'contract', 'contractUpdate', 'contractAmendment', 'implementation', 'implementationUpdate',
  'contractTermination', 'compiled',
] as const;
export type ReleaseTag = (typeof RELEASE_TAGS)[number];

/** A release as published: the required fields typed, everything else free JSON validated by the schema. */
export interface Release extends JsonObject {
  ocid: string;
  id: string;
  date: string;
  tag: ReleaseTag[];
  initiationType: 'tender';
}

/** The part of a release a builder produces; the publisher adds ocid, id, date, tag and initiationType. */
export type ReleaseBody = JsonObject;
