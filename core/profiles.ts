/**
 * The organisation profiles that ship with Redline, validated once at load. They are data files in
 * motions/profiles/; importing them keeps core/ free of I/O while letting every caller default to one.
 */
import { profileSchema, type Profile } from '../schemas/profile';
import labourJson from '../motions/profiles/labour.json';
import libdemJson from '../motions/profiles/libdem.json';

export const labourProfile: Profile = profileSchema.parse(labourJson);
export const libdemProfile: Profile = profileSchema.parse(libdemJson);

/** Profiles by id, for `--style <profile>` and organisation settings. */
export const profiles: Readonly<Record<string, Profile>> = {
  [labourProfile.id]: labourProfile,
  [libdemProfile.id]: libdemProfile,
};
