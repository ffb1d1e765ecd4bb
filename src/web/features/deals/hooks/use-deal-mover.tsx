import { Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Deal, DealStage } from '../../../../contract/deals.ts';
import { RelayLeadModal } from '../../leads/components/relay-lead-modal.tsx';
import { useMoveDeal } from '../api/use-move-deal.ts';
import { dealErrorText } from '../deal-errors.ts';
import { stageWord, type MovableDeal } from '../deal-stage.ts';
import { EligibilityRefusalAlert, readEligibilityRefusal, type EligibilityRefusal } from '../components/eligibility-refusal.tsx';
import { LossReasonModal } from '../components/loss-reason-modal.tsx';

interface DealMover {
  /** Move a deal: lost asks for the reason first; won may come back refused by the eligibility rule. */
  request: (deal: MovableDeal, stage: DealStage) => void;
  /** The deal being moved right now, if any. */
  movingId: string | null;
  /** The refusal alert, for pages that show it in place (null when shown in a dialog or when nothing was refused). */
  refusalAlert: ReactNode;
  /** The dialogs the moves open: render once. */
  dialogs: ReactNode;
}

/** Every move of a deal from the board or the deal page goes through here, so both handle lost, won and refusals alike. */
export function useDealMover({ refusalIn }: { refusalIn: 'dialog' | 'page' }): DealMover {
  const { t } = useTranslation();
  const move = useMoveDeal();
  const [losing, setLosing] = useState<MovableDeal | null>(null);
  const [refused, setRefused] = useState<{ deal: MovableDeal; refusal: EligibilityRefusal } | null>(null);
  const [relaying, setRelaying] = useState<{ deal: MovableDeal; productId: string } | null>(null);
  const [movingId, setMovingId] = useState<string | null>(null);

  function announce(before: MovableDeal, after: Deal) {
    const stage = stageWord(t, after.stage);
    if (after.stage === 'won') notifications.show({ color: 'teal', message: t('deals.move.won', { title: after.title }), autoClose: 6000 });
    else if (after.stage === 'lost') notifications.show({ color: 'gray', message: t('deals.move.lost', { title: after.title }) });
    else if (before.stage === 'lost') notifications.show({ color: 'blue', message: t('deals.move.reopened', { title: after.title, stage }) });
    else notifications.show({ color: 'blue', message: t('deals.move.done', { title: after.title, stage }) });
  }

  function request(deal: MovableDeal, stage: DealStage) {
    if (stage === deal.stage || movingId) return;
    setRefused(null);
    if (stage === 'lost') {
      setLosing(deal);
      return;
    }
    setMovingId(deal.id);
    move.mutate(
      { id: deal.id, body: { version: deal.version, stage } },
      {
        onSuccess: (updated) => announce(deal, updated),
        onError: (error) => {
          const refusal = readEligibilityRefusal(error);
          if (refusal) setRefused({ deal, refusal });
          else notifications.show({ color: 'red', title: t('errors.title'), message: dealErrorText(t, error), autoClose: 8000 });
        },
        onSettled: () => setMovingId(null),
      },
    );
  }

  const relay = () => {
    if (!refused) return;
    setRelaying({ deal: refused.deal, productId: refused.refusal.productId });
    if (refusalIn === 'dialog') setRefused(null);
  };

  const alert = refused ? <EligibilityRefusalAlert refusal={refused.refusal} onRelay={relay} onClose={refusalIn === 'page' ? () => setRefused(null) : undefined} /> : null;

  const dialogs = (
    <>
      <LossReasonModal deal={losing} onClose={() => setLosing(null)} onDone={announce} />
      {refusalIn === 'dialog' && (
        <Modal opened={refused !== null} onClose={() => setRefused(null)} title={t('deals.eligibility.modalTitle')} size="lg" data-testid="eligibility-modal">
          {alert}
        </Modal>
      )}
      <RelayLeadModal accountId={relaying?.deal.accountId ?? ''} accountName={relaying?.deal.accountName ?? ''} productId={relaying?.productId} opened={relaying !== null} onClose={() => setRelaying(null)} />
    </>
  );

  return { request, movingId, refusalAlert: refusalIn === 'page' ? alert : null, dialogs };
}

