/**
 * `ctx.xdata` key replicate sets on every change it sends its bricks: the subvolume name of
 * the first brick of the set the client saw up. The brick with that name records the change
 * as *primary* in its journal, so consumers acting once per change (triggers) act on one brick.
 */
export const PRIMARY_BRICK_XDATA = 'glusterfs.primary-brick';

/**
 * The client pid self-heal runs its calls with (GlusterFS's `GF_CLIENT_PID_SELF_HEALD`), so a
 * brick's journal can tell a heal's copy of a change from the change itself.
 */
export const SELF_HEAL_PID = -6;
