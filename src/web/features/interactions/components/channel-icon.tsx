import { ThemeIcon } from '@mantine/core';
import {
  IconBrowser, IconHeadset, IconHistory, IconMail, IconMailForward, IconMailOpened, IconMessages, IconPhoneIncoming,
  IconPhoneOutgoing, IconWalk, type Icon,
} from '@tabler/icons-react';

const icons: Record<string, Icon> = {
  phone_in: IconPhoneIncoming,
  phone_out: IconPhoneOutgoing,
  email_in: IconMailOpened,
  email_out: IconMailForward,
  visit: IconWalk,
  web: IconBrowser,
  mail: IconMail,
  chat: IconMessages,
  hotline: IconHeadset,
  changes: IconHistory,
};

const colors: Record<string, string> = {
  phone_in: 'blue',
  phone_out: 'cyan',
  email_in: 'violet',
  email_out: 'grape',
  visit: 'teal',
  web: 'indigo',
  mail: 'orange',
  chat: 'pink',
  hotline: 'red',
  changes: 'gray',
};

export function channelIcon(channel: string): Icon {
  return icons[channel] ?? IconHistory;
}

export function ChannelIcon({ channel, size = 28 }: { channel: string; size?: number }) {
  const I = channelIcon(channel);
  return (
    <ThemeIcon size={size} radius="xl" variant="light" color={colors[channel] ?? 'gray'}>
      <I size={size * 0.58} />
    </ThemeIcon>
  );
}
