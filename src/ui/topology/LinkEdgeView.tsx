/**
 * LinkEdgeView: the link between two nodes (both directions), a straight line between their
 * centres. Cut links are red and dashed, links across a partition are faded, and links with
 * changed latency, loss or duplication carry a label. Click it to edit (see LinkPopover).
 */
import { EdgeLabelRenderer, getStraightPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { linkViewOf } from '../store/selectors';
import { useStore, type LinkEdge } from '../store/store';

function LinkEdgeComponent({ id, sourceX, sourceY, targetX, targetY }: EdgeProps<LinkEdge>) {
  const v = useStore(linkViewOf(id));
  const [path, lx, ly] = getStraightPath({ sourceX, sourceY, targetX, targetY });
  const cut = v?.cut ?? 'none';
  const cls = ['react-flow__edge-path', 'link', cut !== 'none' ? 'link-cut' : '', v?.cross ? 'link-cross' : ''].filter(Boolean).join(' ');
  const cutText = cut === 'ab' ? `✂ ${v!.a}→${v!.b}` : cut === 'ba' ? `✂ ${v!.b}→${v!.a}` : cut === 'both' ? '✂ cut' : null;
  const label = [cutText, v?.degraded].filter(Boolean).join(' · ');
  return (
    <>
      <path
        d={path}
        className={cls}
        data-testid={`link-${id.replace('--', '-')}`}
        data-cut={cut}
        data-cross={v?.cross ? 'true' : 'false'}
      />
      <path d={path} className="react-flow__edge-interaction" fill="none" strokeOpacity={0} strokeWidth={22} />
      {label ? (
        <EdgeLabelRenderer>
          <div className={`link-label${cut !== 'none' ? ' is-cut' : ''}`} style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }}>
            {label}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const LinkEdgeView = memo(LinkEdgeComponent);
